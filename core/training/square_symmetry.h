#pragma once
// The eight symmetries of the square, for augmenting training patches: a crystal lattice has no
// preferred orientation on the detector, and an image and its mask must turn together.
#include <opencv2/core.hpp>

namespace hrtem {

/// Applies symmetry `which` (0-7: bit 0 mirror, bit 1 transpose, bit 2 flip) in place.
inline void applySquareSymmetry(cv::Mat& patch, int which)
{
    if (which & 1)
        cv::flip(patch, patch, 1);
    if (which & 2)
        cv::transpose(patch, patch);
    if (which & 4)
        cv::flip(patch, patch, 0);
}

} // namespace hrtem
