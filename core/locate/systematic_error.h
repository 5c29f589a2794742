#pragma once
// The part of a column's position error that does not average out over time (issue 22).
//
// Uncertainty model (see UNCERTAINTY.md beside this file): a column's measured position in a
// frame is its true position plus
//   - a random error, different in every frame: the fit's Cramér-Rao bound scaled by its
//     reduced chi² (gaussian_fit.h): shot noise, and model misfit the residual shows;
//   - a systematic error, the same in neighbouring frames: overlapping neighbours, a column
//     shape the model does not describe, the static texture of the support under the column.
// The random part shrinks as 1/sqrt(n) when n frames are averaged into a site; the systematic
// part does not. The fit cannot see it (it moves the centre, not the residual), but the
// lattice does: in a crystal a column lies half-way between its two opposite neighbours along
// any lattice direction, so the midpoint residual r = p_i - (p_j + p_k)/2 of the time-averaged
// sites scatters with variance (per axis)
//   var r = sigma_site,i² + (sigma_site,j² + sigma_site,k²)/4 + 1.5 sigma_sys²
// (independent errors; uniform strain cancels in r, only its curvature remains). sigma_sys is
// the value that makes the median of r²/var r that of chi² with one degree of freedom (0.455):
// a median, so that twin boundaries, steps and the odd wrong match do not drive it. Every
// opposite pair counts (chosen by geometry, never by the size of its residual).
#include "core/locate/atom.h"

#include <vector>

namespace hrtem {

struct SystematicErrorEstimate {
    double sigma_px = 0.0; ///< per axis
    int residuals = 0;     ///< midpoint residual coordinates it rests on
};

/// Estimates sigma_sys of one frame from the site positions and site errors of its atoms.
/// `nearestNeighbour_px` sets which columns are neighbours (up to 1.25 spacings) and which
/// residuals count as a lattice (below 0.25 spacings). Fewer than `minResiduals` residuals
/// give an estimate with `residuals` < minResiduals and sigma 0 (the caller decides).
/// `centres`, when given, picks the columns whose residuals count (others still serve as
/// neighbours).
SystematicErrorEstimate estimateSystematicError(const std::vector<Atom>& atoms, double nearestNeighbour_px,
                                                int minResiduals = 30, const std::vector<char>* centres = nullptr);

/// For every frame: estimates sigma_sys for bulk and for surface columns (frames with too few
/// residuals take the median of the others) and folds it into each atom's errors:
/// err = hypot(fitErr, sigma_sys) per axis, siteErr = hypot(siteErr, sigma_sys). Returns the
/// per-frame sigma_sys of the bulk.
std::vector<double> applySystematicError(std::vector<std::vector<Atom>>& atomsPerFrame, double nearestNeighbour_px);

} // namespace hrtem
