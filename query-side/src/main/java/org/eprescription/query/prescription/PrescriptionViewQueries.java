package org.eprescription.query.prescription;

import lombok.RequiredArgsConstructor;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Answers the prescription view's queries from {@code prescription_view}; never touches events or commands. */
@Component
@RequiredArgsConstructor
public class PrescriptionViewQueries {

    private final PrescriptionViewRepository repository;

    @QueryHandler
    public Optional<PrescriptionView> handle(FindPrescription query) {
        return repository.load(query.prescriptionId());
    }

    @QueryHandler
    public Optional<PrescriptionView> handle(FindPrescriptionByExchangeCode query) {
        return repository.findByExchangeCodeHash(query.exchangeCodeHash());
    }

    @QueryHandler
    public Optional<ExchangeCodeHolder> handle(FindExchangeCodeHolder query) {
        return repository.findExchangeCodeHolder(query.exchangeCodeHashes());
    }

    @QueryHandler
    public List<PrescriptionView> handle(FindPrescriptionsByInstitution query) {
        return repository.findByInstitution(query.institutionId(), FindPrescriptionsByInstitution.LIMIT + 1);
    }

    @QueryHandler
    public List<PrescriptionView> handle(FindPrescriptionsByPatient query) {
        return repository.findByPatient(query.patientId());
    }

    @QueryHandler
    public List<PatientPrescription> handle(FindPatientPrescriptions query) {
        return repository.findForPatient(query.patientId());
    }

    @QueryHandler
    public DispensingView handle(FindDispensingView query) {
        return new DispensingView(query.pharmacyId(), repository.findHeldBy(query.pharmacyId()),
                repository.findDispensedBySince(query.pharmacyId(), query.dispensedSince()));
    }

    @QueryHandler
    public List<PrescriptionView> handle(FindStuckPrescriptions query) {
        return repository.findHeldWithoutDispensingSince(query.cutoff(), FindStuckPrescriptions.LIMIT + 1);
    }

    @QueryHandler
    public ExpiryCandidates handle(FindExpiryCandidates query) {
        return repository.findExpiryCandidates(query.today(), query.limit(), query.after());
    }
}
