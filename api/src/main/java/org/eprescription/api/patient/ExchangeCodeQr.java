package org.eprescription.api.patient;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.Map;

/**
 * An exchange code as a QR code in SVG, for the patient to show at a pharmacy's counter. ZXing encodes it; this only
 * draws its modules (one square path per dark module) on white with the standard quiet zone of four modules.
 */
final class ExchangeCodeQr {

    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, 4);

    private ExchangeCodeQr() {
    }

    /** The code exactly as the patient reads it (with its hyphens), which is what a scan types into the accept form. */
    static String svg(String exchangeCode) {
        BitMatrix matrix;
        try {
            // width and height 0: the matrix at one pixel per module, margin included
            matrix = new QRCodeWriter().encode(exchangeCode, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new IllegalStateException("an exchange code cannot be encoded as a QR code", e);
        }
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder path = new StringBuilder(width * height * 4);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height + "\" width=\""
                + width * 8 + "\" height=\"" + height * 8 + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
