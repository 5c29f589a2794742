#pragma once
// Linear assignment: the matching of detections to truth (evaluation) and of atoms between
// frames (tracking). Minimises total cost; pairs beyond a gate are never made.
#include <utility>
#include <vector>

namespace hrtem {

struct Point2 {
    double x = 0.0;
    double y = 0.0;
};

/// Optimal assignment for a dense rows x cols cost matrix (rows <= or > cols both fine):
/// returns, for each row, the assigned column or -1. Hungarian method with potentials,
/// O(n² m) (Kuhn 1955; Munkres 1957; the shortest-augmenting-path form).
std::vector<int> solveAssignment(const std::vector<std::vector<double>>& cost);

/// Pairs (i in a, j in b) with distance <= gate that minimise the summed distance, leaving
/// points unmatched when no partner is within the gate. Points are split into independent
/// groups (connected through gate-close pairs) so large frames stay fast.
std::vector<std::pair<int, int>> gatedMatching(const std::vector<Point2>& a, const std::vector<Point2>& b, double gate);

} // namespace hrtem
