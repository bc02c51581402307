package org.eprescription.core.catalogue;

import org.eprescription.core.ids.DrugCode;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The reference data that decides what a drug code means: ingredients, route, efficacy class, and forbidden pairs. */
public final class DrugCatalogue {

    private final Map<DrugCode, Drug> drugs;
    private final List<ContraindicatedPair> contraindicatedPairs;
    /** Each pair under both orders of its ingredients: asked for every ingredient pair of every compared course. */
    private final Map<List<String>, ContraindicatedPair> pairsByIngredients = new HashMap<>();
    private final String version;

    public DrugCatalogue(Collection<Drug> drugs, Collection<ContraindicatedPair> contraindicatedPairs) {
        this.drugs = drugs.stream().collect(Collectors.toUnmodifiableMap(Drug::code, Function.identity()));
        this.contraindicatedPairs = List.copyOf(contraindicatedPairs);
        for (ContraindicatedPair pair : this.contraindicatedPairs) {
            pairsByIngredients.putIfAbsent(List.of(pair.ingredientA(), pair.ingredientB()), pair);
            pairsByIngredients.putIfAbsent(List.of(pair.ingredientB(), pair.ingredientA()), pair);
        }
        this.version = CatalogueVersion.of(this.drugs.values(), this.contraindicatedPairs);
    }

    /**
     * What this catalogue says, as a short content hash ("sha256:" and 16 hex digits): the same drugs and pairs give
     * the same version whatever the files' order or spacing. Start-up logs it and every interaction check records it.
     */
    public String version() {
        return version;
    }

    public Optional<Drug> find(DrugCode code) {
        return Optional.ofNullable(drugs.get(code));
    }

    public boolean contains(DrugCode code) {
        return drugs.containsKey(code);
    }

    public int size() {
        return drugs.size();
    }

    public List<ContraindicatedPair> contraindicatedPairs() {
        return contraindicatedPairs;
    }

    public Optional<ContraindicatedPair> contraindication(String ingredient, String otherIngredient) {
        return Optional.ofNullable(pairsByIngredients.get(List.of(ingredient, otherIngredient)));
    }
}
