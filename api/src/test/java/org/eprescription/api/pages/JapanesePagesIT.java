package org.eprescription.api.pages;

import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The pages in a headless Chromium whose language is Japanese: labels, statuses, problem titles and drug names in
 * Japanese (the English pages are what {@link LivePagesIT} and {@link PatientPageIT} see).
 */
class JapanesePagesIT extends PageTest {

    static final Duration APPEARS = Duration.ofSeconds(5);
    static final String AMLODIPINE_JA = "アムロジピン錠5mg（先発A）";

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start("ja");
    }

    String url(String page, Identity identity) {
        return "http://127.0.0.1:" + port + "/" + page + "#token=" + TestTokens.of(identity);
    }

    String text(By locator) {
        return browser.read(locator, APPEARS, WebElement::getText);
    }

    @Test
    void thePatientPageIsInJapaneseWithTheJapaneseDrugName() {
        Map<String, Object> body = issue(unique("HOSP"));
        IssuedPrescription rx = issued(body);
        String patient = ((Map<?, ?>) body.get("patient")).get("id").toString();

        browser.open(url("patient.html", Identity.patient(patient)), "loaded");

        assertThat(browser.driver().executeScript("return document.documentElement.lang;")).isEqualTo("ja");
        assertThat(text(By.cssSelector("header h1"))).contains("私の処方箋");
        assertThat(text(By.id("open-heading"))).isEqualTo("薬局での受付待ち");
        By item = By.cssSelector("#open li[data-prescription-id='" + rx.id() + "']");
        assertThat(text(item)).contains(AMLODIPINE_JA).contains("発行済み").contains("28 tablet・28日分")
                .contains("引換番号").contains(rx.exchangeCode()).doesNotContain("Amlodipine");
        browser.screenshot("patient-page-ja");
    }

    @Test
    void thePharmacyPageIsInJapaneseAndShowsAProblemsTitleInJapanese() {
        String pharmacy = unique("PH");
        Map<String, Object> body = issue(unique("HOSP"));
        IssuedPrescription held = issued(body);
        assertThat(api().post("/prescriptions/accept", accept(held.exchangeCode(), BIRTH_DATE, pharmacy)).status())
                .isEqualTo(200);
        IssuedPrescription other = issued(issue(unique("HOSP")));

        browser.open(url("pharmacy.html", Identity.pharmacist(pharmacy)));

        assertThat(text(By.id("accept-heading"))).isEqualTo("処方箋の受付");
        assertThat(text(By.cssSelector("label[for='exchange-code']"))).isEqualTo("引換番号");
        assertThat(text(By.id("connection"))).isEqualTo("ライブ");
        By heldItem = By.cssSelector("#held li[data-prescription-id='" + held.id() + "']");
        assertThat(text(heldItem)).contains(AMLODIPINE_JA).contains("受付済み").contains("残りをすべて調剤");

        browser.driver().findElement(By.id("exchange-code")).sendKeys(other.exchangeCode());
        browser.driver().executeScript("document.getElementById('birth-date').value = '1958-04-03';");
        browser.driver().findElement(By.cssSelector("#accept-form button[type='submit']")).click();
        assertThat(text(By.cssSelector("#messages .problem")))
                .as("the title by the problem's type in Japanese, the exchange's detail after it")
                .startsWith("処方箋が見つかりません: ");
        browser.screenshot("pharmacy-ja");
    }

    @Test
    void theInstitutionAndIndexPagesAreInJapanese() {
        String institution = unique("HOSP");
        IssuedPrescription rx = issued(issue(institution));

        browser.open(url("institution.html", Identity.prescriber("DOC-1", institution)));
        assertThat(text(By.id("issued-heading"))).isEqualTo("発行済み処方箋");
        assertThat(text(By.cssSelector("#prescriptions li[data-prescription-id='" + rx.id() + "']")))
                .contains(AMLODIPINE_JA).contains("発行済み").contains("未解決のアラートはありません");

        browser.driver().get("http://127.0.0.1:" + port + "/index.html");
        browser.until(APPEARS).until(driver -> "電子処方箋交換サービス".equals(
                driver.findElement(By.cssSelector("header h1")).getText()));
        assertThat(text(By.id("patient-heading"))).isEqualTo("患者さんの処方箋");
        assertThat(browser.driver().getTitle()).isEqualTo("電子処方箋交換サービス");
    }
}
