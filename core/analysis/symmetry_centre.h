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

/// Searches within `reach` px of (x, y) for the point about which the image inside `radius`
/// best matches its own 180° rotation; whole-pixel grid, half-pixel refinement, then a parabola
/// through the minimum.
SymmetryCentre symmetryCentre(const cv::Mat& image, double x, double y, double radius, double reach);

} // namespace hrtem
