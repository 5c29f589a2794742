#pragma once
// Union-find over 0..n-1 with path halving: which items end up connected. Used to split
// matching problems into independent groups (assignment, tracking, track scoring).
#include <numeric>
#include <vector>

namespace hrtem {

class DisjointSets {
public:
    explicit DisjointSets(int n) : mParent(static_cast<std::size_t>(n)) { std::iota(mParent.begin(), mParent.end(), 0); }

    /// The representative of x's set.
    int find(int x)
    {
        while (mParent[static_cast<std::size_t>(x)] != x)
            x = mParent[static_cast<std::size_t>(x)] = mParent[static_cast<std::size_t>(mParent[static_cast<std::size_t>(x)])];
        return x;
    }
    /// Joins a's set into b's.
    void unite(int a, int b) { mParent[static_cast<std::size_t>(find(a))] = find(b); }

private:
    std::vector<int> mParent;
};

} // namespace hrtem
