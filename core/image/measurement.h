#pragma once
// Distances, angles and line profiles measured on a frame, in pixels and physical units, with
// the uncertainty that the end points' own position errors give them.
//
// Coordinates follow ARCHITECTURE.md: pixel (0,0) is the top-left pixel's centre. An end point
// that is a fitted column carries its 1-sigma position errors (Atom::errX/errY); a point placed
// by hand carries none, and a measurement with such an end reports no error.

#include <opencv2/core/mat.hpp>

#include <vector>

namespace hrtem {

struct MeasurePoint {
    double x = 0.0, y = 0.0;       ///< px
    double errX = 0.0, errY = 0.0; ///< 1-sigma position errors (px); 0 for a point placed by hand
    int atomId = -1;               ///< the column it snapped to, -1 for none
    bool hasError() const { return atomId >= 0 && (errX > 0.0 || errY > 0.0); }
};

/// Physical size of one pixel along x and y (units per px); 1 and 1 for pixels.
struct PixelScale {
    double x = 1.0, y = 1.0;
};

struct LengthMeasurement {
    double length = 0.0;  ///< physical units of the scale
    double error = 0.0;   ///< 1 sigma, same units; 0 when an end has no error
    bool hasError = false;
};

/// |b - a|. Its error projects each end's position covariance (diagonal: errX², errY²) on the
/// line's direction and adds the two in quadrature, as independent fits are (first-order
/// propagation: sigma_d² = u·Σa·u + u·Σb·u, u the unit vector from a to b).
LengthMeasurement measureDistance(const MeasurePoint& a, const MeasurePoint& b, PixelScale scale = {});

struct AngleMeasurement {
    double degrees = 0.0; ///< the angle at the vertex between the arms to a and b, 0..180
    double error = 0.0;   ///< 1 sigma (degrees), from all three points' errors
    bool hasError = false;
};

/// The angle a-vertex-b, in physical space (so a non-square pixel does not bend it). The error
/// is first-order propagation through each arm's direction: d(theta)/d(p) = perp(p - v) / |p - v|².
AngleMeasurement measureAngle(const MeasurePoint& a, const MeasurePoint& vertex, const MeasurePoint& b,
                              PixelScale scale = {});

struct ProfileSample {
    double distance = 0.0; ///< from the start, physical units of the scale
    double value = 0.0;    ///< mean over the profile's width
};

/// Intensity along the line from a to b, one sample per pixel of length (and both ends),
/// bilinearly interpolated and averaged over `widthPx` pixels across the line (1: the line
/// alone). Samples outside the frame are left out. frame: one channel, any depth.
std::vector<ProfileSample> lineProfile(const cv::Mat& frame, const MeasurePoint& a, const MeasurePoint& b,
                                       int widthPx = 1, PixelScale scale = {});

} // namespace hrtem
