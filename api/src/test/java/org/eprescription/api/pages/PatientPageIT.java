package org.eprescription.api.pages;

import org.eprescription.api.patient.QrCodes;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The patient's page in a real headless Chromium (English): the prescriptions with their status, each open one's
 * exchange code with a QR code that a scanner reads as that code; and the pharmacy page filling its accept form from
 * a scanned QR code.
 */
class PatientPageIT extends PageTest {

    static final Duration APPEARS = Duration.ofSeconds(5);

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    String url(String page, Identity identity) {
        return "http://127.0.0.1:" + port + "/" + page + "#token=" + TestTokens.of(identity);
    }

    IssuedPrescription issuedTo(Map<String, Object> patient) {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("patient", patient);
        return issued(body);
    }

    static Map<String, Object> newPatient() {
        return new HashMap<>(Map.of("id", unique("PAT"), "birthDate", BIRTH_DATE.toString(), "name", "Hanako Yamada"));
    }

    @Test
    void thePatientPageShowsThePrescriptionsAndEachOpenCodeAsAQrCodeThatReadsAsTheCode() throws IOException {
        Map<String, Object> patient = newPatient();
        IssuedPrescription completed = issuedTo(patient);
        String pharmacy = unique("PH");
        api().post("/prescriptions/accept", accept(completed.exchangeCode(), BIRTH_DATE, pharmacy));
        assertThat(api().post(completed.path() + "/dispense", dispense(pharmacy, true,
                item(1, AMLODIPINE_BRAND, 28, 28))).status()).isEqualTo(200);
        IssuedPrescription open = issuedTo(patient);

        browser.open(url("patient.html", Identity.patient(patient.get("id").toString())), "loaded");

        By openItem = By.cssSelector("#open li[data-prescription-id='" + open.id() + "']");
        assertThat(browser.read(openItem, APPEARS, item -> item.getAttribute("data-status"))).isEqualTo("ISSUED");
        assertThat(browser.read(openItem, APPEARS, WebElement::getText)).contains("Amlodipine 5 mg tablet (brand A)")
                .contains("Issued").contains("28 tablet for 28 days").contains("valid until")
                .contains(open.exchangeCode());
        By qr = By.cssSelector("#open li[data-prescription-id='" + open.id() + "'] img.qr");
        browser.until(APPEARS).until(driver -> Boolean.TRUE.equals(browser.driver().executeScript(
                "const image = document.querySelector(arguments[0]);"
                        + " return image !== null && image.complete && image.naturalWidth > 0;",
                "#open li[data-prescription-id='" + open.id() + "'] img.qr")));
        byte[] shown = browser.driver().findElement(qr).getScreenshotAs(OutputType.BYTES);
        assertThat(QrCodes.decode(ImageIO.read(new ByteArrayInputStream(shown))))
                .as("what a scanner reads off the screen").isEqualTo(open.exchangeCode());

        By doneItem = By.cssSelector("#other li[data-prescription-id='" + completed.id() + "']");
        assertThat(browser.read(doneItem, APPEARS, item -> item.getAttribute("data-status"))).isEqualTo("COMPLETED");
        assertThat(browser.read(doneItem, APPEARS, WebElement::getText)).contains("Completed")
                .doesNotContain(completed.exchangeCode());
        assertThat(browser.driver().findElements(By.cssSelector("#other img.qr"))).isEmpty();
        browser.screenshot("patient-page");
    }

    @Test
    void aTokenThatMayNotReadThePatientsPrescriptionsIsToldSo() {
        Map<String, Object> patient = newPatient();
        issuedTo(patient);

        browser.open("http://127.0.0.1:" + port + "/patient.html?patientId=" + patient.get("id") + "#token="
                + TestTokens.of(Identity.pharmacist(unique("PH"))), "denied");

        assertThat(browser.driver().findElements(By.cssSelector("li[data-prescription-id]"))).isEmpty();
    }

    @Test
    void thePharmacyPageFillsTheExchangeCodeFromAScannedQrCodeAndTypingStillWorks() {
        IssuedPrescription scanned = issuedTo(newPatient());
        String pharmacy = unique("PH");
        browser.open(url("pharmacy.html", Identity.pharmacist(pharmacy)));
        boolean detects = Boolean.TRUE.equals(browser.driver().executeScript("return 'BarcodeDetector' in window;"));
        assertThat(browser.driver().findElement(By.id("scan-code")).isDisplayed())
                .as("the scan button shows only where the browser has a barcode detector").isEqualTo(detects);
        assertThat(browser.driver().findElement(By.id("exchange-code")).isEnabled()).isTrue();

        // a browser with the standard BarcodeDetector and a camera: the detector sees the patient's QR code
        browser.driver().executeScript("""
                const code = arguments[0];
                const canvas = document.createElement("canvas");
                canvas.width = 64;
                canvas.height = 64;
                canvas.getContext("2d").fillRect(0, 0, 64, 64);
                window.BarcodeDetector = class {
                  static async getSupportedFormats() { return ["qr_code", "ean_13"]; }
                  constructor(options) { window.detectorFormats = options.formats; }
                  async detect(source) { return source instanceof HTMLVideoElement ? [{rawValue: code}] : []; }
                };
                navigator.mediaDevices.getUserMedia = async (constraints) => {
                  window.cameraAsked = constraints;
                  return canvas.captureStream();
                };
                setUpScanner();""", scanned.exchangeCode());
        browser.until(APPEARS).until(driver -> driver.findElement(By.id("scan-code")).isDisplayed());
        browser.driver().findElement(By.id("scan-code")).click();
        browser.until(APPEARS).until(driver -> scanned.exchangeCode().equals(
                driver.findElement(By.id("exchange-code")).getAttribute("value")));
        assertThat(browser.driver().findElement(By.id("scanner")).isDisplayed()).as("the camera is off again")
                .isFalse();
        assertThat(browser.driver().executeScript("return window.detectorFormats;")).asString().contains("qr_code");
        browser.driver().executeScript("document.getElementById('birth-date').value = arguments[0];",
                BIRTH_DATE.toString());
        browser.driver().findElement(By.cssSelector("#accept-form button[type='submit']")).click();

        By held = By.cssSelector("#held li[data-prescription-id='" + scanned.id() + "']");
        assertThat(browser.read(held, APPEARS, item -> item.getAttribute("data-status"))).isEqualTo("ACCEPTED");

        IssuedPrescription typed = issuedTo(newPatient());
        WebElement code = browser.driver().findElement(By.id("exchange-code"));
        code.clear();
        code.sendKeys(typed.exchangeCode());
        browser.driver().findElement(By.id("birth-date")).sendKeys("04/02/1958");
        browser.driver().findElement(By.cssSelector("#accept-form button[type='submit']")).click();
        browser.waitFor(By.cssSelector("#held li[data-prescription-id='" + typed.id() + "']"), APPEARS);
        HttpApi.Response view = api().get(typed.path());
        assertThat(view.text("pharmacyId")).isEqualTo(pharmacy);
    }
}
