package org.eprescription.api.pages;

import org.eprescription.api.support.Identity;
import org.eprescription.api.support.TestTokens;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The pharmacy's and the institution's pages in a real headless Chromium: what happens through the API (another
 * terminal, the prescriber's EHR) shows on the open page without a reload, and the page's own buttons work.
 */
class LivePagesIT extends PageTest {

    static final Duration APPEARS = Duration.ofSeconds(5);
    /** The issue's bound: a cancellation changes the open page within a second of the API's answer. */
    static final Duration LIVE = Duration.ofSeconds(1);

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    /** The page, signed in as whoever its query names (the pharmacy and pharmacist, or the institution). */
    String page(String name, String query) {
        java.util.Map<String, String> params = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            params.put(parts[0], parts[1]);
        }
        Identity identity = params.containsKey("pharmacyId")
                ? Identity.pharmacist(params.getOrDefault("pharmacistId", "RPH-1"), params.get("pharmacyId"))
                : Identity.prescriber("DOC-1", params.get("institutionId"));
        return "http://127.0.0.1:" + port + "/" + name + "?" + query + "#token=" + TestTokens.of(identity);
    }

    static By prescription(String list, String id) {
        return By.cssSelector("#" + list + " li[data-prescription-id='" + id + "']");
    }

    void acceptedThroughTheApi(IssuedPrescription prescription, String pharmacy) {
        HttpApi.Response accepted = api().post("/prescriptions/accept",
                accept(prescription.exchangeCode(), BIRTH_DATE, pharmacy));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** Milliseconds from now until the element shows up, failing past {@link #LIVE}. */
    long millisUntilShown(By locator) {
        long start = System.nanoTime();
        browser.until(LIVE).until(ExpectedConditions.presenceOfElementLocated(locator));
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void aPrescriptionAcceptedThroughTheApiAppearsOnTheOpenPharmacyPageWithItsAlerts() {
        String pharmacy = unique("PH");
        IssuedPrescription earlier = issued(issue(unique("HOSP")));
        Map<String, Object> duplicate = issue(unique("HOSP"));
        duplicate.put("patient", earlier.body().get("patient"));
        duplicate.put("lines", java.util.List.of(line(1, AMLODIPINE_GENERIC, 14, 14)));
        browser.open(page("pharmacy.html", "pharmacyId=" + pharmacy + "&pharmacistId=RPH-9"));
        assertThat(browser.driver().findElements(By.cssSelector("#held li[data-prescription-id]"))).isEmpty();

        IssuedPrescription prescription = issued(duplicate);
        acceptedThroughTheApi(prescription, pharmacy);

        By held = prescription("held", prescription.id());
        browser.waitFor(held, APPEARS);
        assertThat(browser.read(held, APPEARS, shown -> shown.getAttribute("data-status"))).isEqualTo("ACCEPTED");
        assertThat(browser.read(held, APPEARS, WebElement::getText)).contains("Hanako Yamada")
                .contains("14 tablet for 14 days");
        By alert = By.cssSelector("#held li[data-prescription-id='" + prescription.id() + "'] aside li.alert");
        assertThat(browser.read(alert, APPEARS, shown -> shown.getAttribute("data-alert-type")))
                .isEqualTo("SAME_INGREDIENT");
        assertThat(browser.read(alert, APPEARS, WebElement::getText)).contains("HIGH").contains("amlodipine");
        assertThat(browser.notReloaded()).as("the page was not reloaded").isTrue();
        browser.screenshot("pharmacy-queue");
    }

    @Test
    void aCancellationRequestShowsOnThePharmacyPageWithinASecond() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        acceptedThroughTheApi(prescription, pharmacy);
        browser.open(page("pharmacy.html", "pharmacyId=" + pharmacy));
        assertThat(browser.waitFor(prescription("held", prescription.id()), APPEARS)
                .getAttribute("data-cancellation-requested")).isEqualTo("false");

        HttpApi.Response cancelled = api().post(prescription.path() + "/cancel", Map.of("reason", "wrong dose"),
                prescriberHeaders(prescription.institutionId()));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        long millis = millisUntilShown(By.cssSelector("#held li[data-prescription-id='" + prescription.id()
                + "'][data-cancellation-requested='true']"));

        System.out.println("cancellation request shown on the pharmacy page " + millis + " ms after the API answered");
        assertThat(millis).isLessThan(LIVE.toMillis());
        assertThat(browser.read(prescription("held", prescription.id()), APPEARS, WebElement::getText))
                .contains("Cancellation requested");
        assertThat(browser.notReloaded()).isTrue();
    }

    @Test
    void theInstitutionPageShowsANewPrescriptionThenItsCancellationWithinASecond() {
        String institution = unique("HOSP");
        browser.open(page("institution.html", "institutionId=" + institution));

        IssuedPrescription prescription = issued(issue(institution));
        By shown = prescription("prescriptions", prescription.id());
        browser.waitFor(shown, APPEARS);
        assertThat(browser.read(shown, APPEARS, item -> item.getAttribute("data-status"))).isEqualTo("ISSUED");
        assertThat(browser.read(shown, APPEARS, WebElement::getText)).contains("Hanako Yamada");

        HttpApi.Response cancelled = api().post(prescription.path() + "/cancel", Map.of("reason", "duplicate"),
                prescriberHeaders(institution));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        long millis = millisUntilShown(By.cssSelector("#prescriptions li[data-prescription-id='" + prescription.id()
                + "'][data-status='CANCELLED']"));

        System.out.println("cancellation shown on the institution page " + millis + " ms after the API answered");
        assertThat(millis).isLessThan(LIVE.toMillis());
        assertThat(browser.notReloaded()).isTrue();
        browser.screenshot("institution-prescriptions");
    }

    @Test
    void thePagesOwnFormAndButtonsAcceptDispenseAndRelease() {
        String pharmacy = unique("PH");
        IssuedPrescription toDispense = issued(issue(unique("HOSP")));
        IssuedPrescription toRelease = issued(issue(unique("HOSP")));
        browser.open(page("pharmacy.html", "pharmacyId=" + pharmacy + "&pharmacistId=RPH-9"));

        acceptOnThePage(toDispense.exchangeCode(), "04/03/1958");
        assertThat(browser.waitFor(By.cssSelector("#messages .problem"), APPEARS).getText())
                .as("a birth date that does not match shows the problem's title and detail")
                .matches(".+: no prescription matches this exchange code and birth date");
        assertThat(browser.driver().findElements(By.cssSelector("#held li[data-prescription-id]"))).isEmpty();

        acceptOnThePage(toDispense.exchangeCode(), "04/02/1958");
        browser.act(prescription("held", toDispense.id()), APPEARS,
                item -> item.findElement(By.cssSelector("button.dispense")).click());
        By dispensed = By.cssSelector("#dispensed li[data-prescription-id='" + toDispense.id()
                + "'][data-status='COMPLETED']");
        browser.waitFor(dispensed, APPEARS);
        assertThat(browser.read(dispensed, APPEARS, WebElement::getText)).contains("28 dispensed");
        browser.until(APPEARS).until(ExpectedConditions.numberOfElementsToBe(prescription("held", toDispense.id()), 0));

        acceptOnThePage(toRelease.exchangeCode(), "04/02/1958");
        browser.act(prescription("held", toRelease.id()), APPEARS,
                item -> item.findElement(By.cssSelector("button.release")).click());
        Alert reason = browser.until(APPEARS).until(ExpectedConditions.alertIsPresent());
        reason.sendKeys("out of stock");
        reason.accept();
        browser.until(APPEARS).until(ExpectedConditions.numberOfElementsToBe(prescription("held", toRelease.id()), 0));
        assertThat(api().get(toRelease.path()).body().path("status").asText()).isEqualTo("ISSUED");
        assertThat(browser.driver().findElements(prescription("dispensed", toRelease.id())))
                .as("released without dispensing: not among today's dispensings").isEmpty();
        assertThat(browser.notReloaded()).isTrue();
    }

    /** Types the code and the birth date (as an en-US date field takes it) into the accept form and submits. */
    void acceptOnThePage(String exchangeCode, String birthDate) {
        WebElement code = browser.driver().findElement(By.id("exchange-code"));
        code.clear();
        code.sendKeys(exchangeCode);
        browser.driver().findElement(By.id("birth-date")).sendKeys(birthDate);
        browser.driver().findElement(By.cssSelector("#accept-form button[type='submit']")).click();
    }
}
