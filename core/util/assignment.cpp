#include "core/util/assignment.h"
#include "core/util/disjoint_sets.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace hrtem {

std::vector<int> solveAssignment(const std::vector<std::vector<double>>& cost)
{
    const int rows = static_cast<int>(cost.size());
    if (rows == 0)
        return {};
    const int cols = static_cast<int>(cost[0].size());
    // The algorithm needs rows <= cols; transpose otherwise.
    if (rows > cols) {
        std::vector<std::vector<double>> t(static_cast<std::size_t>(cols), std::vector<double>(static_cast<std::size_t>(rows)));
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < cols; ++j)
                t[j][i] = cost[i][j];
        const std::vector<int> colToRow = solveAssignment(t);
        std::vector<int> rowToCol(static_cast<std::size_t>(rows), -1);
        for (int j = 0; j < cols; ++j)
            if (colToRow[j] >= 0)
                rowToCol[colToRow[j]] = j;
        return rowToCol;
    }
    const double inf = std::numeric_limits<double>::infinity();
    // 1-based potentials u (rows), v (cols); p[j] = row matched to column j; way[j] = previous column.
    std::vector<double> u(rows + 1, 0.0), v(cols + 1, 0.0);
    std::vector<int> p(cols + 1, 0), way(cols + 1, 0);
    for (int i = 1; i <= rows; ++i) {
        p[0] = i;
        int j0 = 0;
        std::vector<double> minv(cols + 1, inf);
        std::vector<char> used(cols + 1, 0);
        do {
            used[j0] = 1;
            const int i0 = p[j0];
            double delta = inf;
            int j1 = 0;
            for (int j = 1; j <= cols; ++j) {
                if (used[j])
                    continue;
                const double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for (int j = 0; j <= cols; ++j) {
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            const int j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0 != 0);
    }
    std::vector<int> rowToCol(static_cast<std::size_t>(rows), -1);
    for (int j = 1; j <= cols; ++j)
        if (p[j] != 0)
            rowToCol[p[j] - 1] = j - 1;
    return rowToCol;
}

std::vector<std::pair<int, int>> gatedMatching(const std::vector<Point2>& a, const std::vector<Point2>& b, double gate)
{
    std::vector<std::pair<int, int>> matches;
    if (a.empty() || b.empty() || !(gate > 0))
        return matches;
    // Candidate pairs through a grid of gate-sized cells.
    std::map<std::pair<long, long>, std::vector<int>> grid;
    auto cell = [gate](const Point2& p) { return std::make_pair(long(std::floor(p.x / gate)), long(std::floor(p.y / gate))); };
    for (int j = 0; j < static_cast<int>(b.size()); ++j)
        grid[cell(b[j])].push_back(j);
    struct Edge {
        int i, j;
        double d;
    };
    std::vector<Edge> edges;
    const int na = static_cast<int>(a.size());
    DisjointSets sets(na + static_cast<int>(b.size()));
    for (int i = 0; i < na; ++i) {
        const auto [cx, cy] = cell(a[i]);
        for (long dx = -1; dx <= 1; ++dx)
            for (long dy = -1; dy <= 1; ++dy) {
                const auto it = grid.find({cx + dx, cy + dy});
                if (it == grid.end())
                    continue;
                for (int j : it->second) {
                    const double d = std::hypot(a[i].x - b[j].x, a[i].y - b[j].y);
                    if (d <= gate) {
                        edges.push_back({i, j, d});
                        sets.unite(i, na + j);
                    }
                }
            }
    }
    // One small assignment problem per connected group. Leaving a point unmatched costs the
    // gate, so a match is made only when it is cheaper than two misses.
    std::map<int, std::vector<Edge>> groups;
    for (const Edge& e : edges)
        groups[sets.find(e.i)].push_back(e);
    for (auto& [root, group] : groups) {
        std::vector<int> rows, cols;
        for (const Edge& e : group) {
            rows.push_back(e.i);
            cols.push_back(e.j);
        }
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        std::sort(cols.begin(), cols.end());
        cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
        if (rows.size() == 1 && cols.size() == 1) {
            matches.emplace_back(rows[0], cols[0]);
            continue;
        }
        // Square matrix [rows + cols]: real pairs, "unmatched" dummies at the gate cost.
        const std::size_t n = rows.size() + cols.size();
        const double big = 1e9;
        std::vector<std::vector<double>> cost(n, std::vector<double>(n, big));
        auto rowIndex = [&](int i) { return std::lower_bound(rows.begin(), rows.end(), i) - rows.begin(); };
        auto colIndex = [&](int j) { return std::lower_bound(cols.begin(), cols.end(), j) - cols.begin(); };
        for (const Edge& e : group)
            cost[rowIndex(e.i)][colIndex(e.j)] = e.d;
        for (std::size_t r = 0; r < rows.size(); ++r)
            cost[r][cols.size() + r] = gate; // row r unmatched
        for (std::size_t c = 0; c < cols.size(); ++c)
            cost[rows.size() + c][c] = gate; // column c unmatched
        for (std::size_t r = rows.size(); r < n; ++r)
            for (std::size_t c = cols.size(); c < n; ++c)
                cost[r][c] = 0.0; // dummy to dummy
        const std::vector<int> assigned = solveAssignment(cost);
        for (std::size_t r = 0; r < rows.size(); ++r)
            if (assigned[r] >= 0 && static_cast<std::size_t>(assigned[r]) < cols.size() && cost[r][assigned[r]] <= gate)
                matches.emplace_back(rows[r], cols[static_cast<std::size_t>(assigned[r])]);
    }
    std::sort(matches.begin(), matches.end());
    return matches;
}

} // namespace hrtem
