package org.eduequity.survey;

import java.awt.image.BufferedImage;

/**
 * Turns an image upright according to its EXIF orientation (1–8): phones store the sensor's pixels as they are and
 * only record how the phone was held. The display copy carries no EXIF, so the turn must be applied to the pixels.
 */
final class Orientation {

    private Orientation() {
    }

    /** The image as it should be seen; {@code image} itself for orientation 1 or an unknown value. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        int tw = swaps ? h : w;
        int th = swaps ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2: tx = w - 1 - x; ty = y; break;          // mirrored
                    case 3: tx = w - 1 - x; ty = h - 1 - y; break;  // upside down
                    case 4: tx = x; ty = h - 1 - y; break;          // mirrored upside down
                    case 5: tx = y; ty = x; break;                  // transposed
                    case 6: tx = h - 1 - y; ty = x; break;          // turn 90° clockwise
                    case 7: tx = h - 1 - y; ty = w - 1 - x; break;  // transversed
                    default: tx = y; ty = w - 1 - x; break;         // 8: turn 90° anticlockwise
                }
                dst[ty * tw + tx] = src[y * w + x];
            }
        }
        BufferedImage upright = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        upright.setRGB(0, 0, tw, th, dst, 0, tw);
        return upright;
    }
}
