#pragma once
// The centre of point symmetry of a column image: model-free, so it finds the column whether
// it images as a dark dot, a bright dot or a bright core in a dark ring. Atom columns in a
// projected crystal are centres of (at least approximate) point symmetry of their surroundings.
#include <opencv2/core/mat.hpp>

namespace hrtem {

struct SymmetryCentre {
    double x = 0.0, y = 0.0;
    double asymmetry = 0.0; ///< mean squared difference to the 180° rotated window (lower: more symmetric)
};

/// Searches one image for many centres. The search visits whole and half pixel positions
/// only, where bilinear interpolation is the mean of two or four pixels; those values are
/// computed once for the whole image (a grid of twice the resolution), so each visit reads
/// pixels instead of interpolating them.
class SymmetryCentreSearch {
public:
    explicit SymmetryCentreSearch(const cv::Mat& image); ///< CV_32F

    /// Searches within `reach` px of (x, y) for the point about which the image inside
    /// `radius` best matches its own 180° rotation: whole-pixel grid, half-pixel refinement,
    /// then a parabola through the minimum.
    SymmetryCentre find(double x, double y, double radius, double reach) const;

private:
    cv::Mat mHalfGrid; ///< (2h - 1) x (2w - 1): pixel (y, x) at (2y, 2x), midpoints between
};

/// One search on one image (see SymmetryCentreSearch::find).
SymmetryCentre symmetryCentre(const cv::Mat& image, double x, double y, double radius, double reach);

} // namespace hrtem
