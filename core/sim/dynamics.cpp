#include "core/sim/dynamics.h"
#include "core/util/math_constants.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace hrtem::sim {

namespace {
constexpr int kMinNeighboursForAdatom = 2; // a site must touch the particle to hold an adatom
} // namespace

Dynamics::Dynamics(const SimulationSettings& settings, Specimen& specimen)
    : mSettings(settings), mSpecimen(specimen), mRng(settings.seed * 0x9E3779B97F4A7C15ULL + 17)
{
    mColumns = specimen.initialColumns();
    mNextId = static_cast<int>(mColumns.size());
    // Initial adatoms, at sites chosen like later adsorptions.
    for (int k = 0; settings.specimen.particle && k < settings.specimen.adatoms && addAdatom(); ++k) {
    }
    for (int f = 0; f < settings.frames; ++f) {
        if (f > 0)
            step(f);
        record(f);
    }
}

std::vector<int> Dynamics::adatomCandidates(const std::vector<int>& counts) const
{
    const std::vector<Site>& sites = mSpecimen.sites();
    std::vector<char> occupied(sites.size(), 0);
    for (const Column& c : mColumns)
        occupied[static_cast<std::size_t>(c.site)] = 1;
    std::vector<int> out;
    for (int i = 0; i < static_cast<int>(sites.size()); ++i)
        if (!occupied[i] && !sites[i].belowBase && counts[i] >= kMinNeighboursForAdatom)
            out.push_back(i);
    return out;
}

bool Dynamics::addAdatom()
{
    const std::vector<int> counts = occupiedNeighbourCounts(mSpecimen.sites(), mColumns);
    const std::vector<int> candidates = adatomCandidates(counts);
    if (candidates.empty())
        return false;
    Column c;
    c.id = mNextId++;
    c.site = pickWeighted(candidates, counts);
    c.occupancy = mSettings.specimen.adatomOccupancy;
    c.depthFirst = mSpecimen.centredDepth(mSpecimen.sites()[c.site], c.occupancy);
    c.adatom = true;
    mColumns.push_back(c);
    return true;
}

int Dynamics::pickWeighted(const std::vector<int>& candidates, const std::vector<int>& counts)
{
    // Boltzmann-like preference for sites with more occupied neighbours: steps and kinks.
    std::vector<double> weights;
    for (int s : candidates)
        weights.push_back(std::exp(mSettings.dynamics.stepPreference * counts[static_cast<std::size_t>(s)]));
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    return candidates[static_cast<std::size_t>(pick(mRng))];
}

void Dynamics::step(int frame)
{
    const DynamicsSettings& d = mSettings.dynamics;
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    mHoppedThisFrame.clear();
    mAdsorbedThisFrame.clear();

    // Desorption decided last frame (so that frame could be labelled "desorbed") happens now.
    for (int id : mDesorbingNextFrame) {
        const auto it = std::find_if(mColumns.begin(), mColumns.end(), [&](const Column& c) { return c.id == id; });
        if (it != mColumns.end()) {
            const Vec2 at = mSpecimen.sites()[it->site].position;
            mEvents.push_back({frame, id, "desorption", at, at});
            mColumns.erase(it);
        }
    }
    mDesorbingNextFrame.clear();

    if (mSpecimen.twinned() && uniform(mRng) < d.twinMigrationProbability)
        migrateTwin(frame, uniform(mRng) < 0.5 ? -1 : 1);

    // Hops: each adatom, in id order, may move to a neighbouring free site that still touches
    // the particle.
    for (Column& c : mColumns) {
        if (!c.adatom || uniform(mRng) >= d.hopProbability)
            continue;
        const std::vector<int> counts = occupiedNeighbourCounts(mSpecimen.sites(), mColumns);
        std::set<int> occupied;
        for (const Column& o : mColumns)
            occupied.insert(o.site);
        std::vector<int> targets;
        for (int n : mSpecimen.sites()[c.site].neighbours) {
            // The adatom itself counts as a neighbour of its destination: discount it.
            const int touching = counts[n] - 1;
            if (!occupied.count(n) && !mSpecimen.sites()[n].belowBase && touching >= kMinNeighboursForAdatom)
                targets.push_back(n);
        }
        if (targets.empty())
            continue;
        std::vector<int> adjusted = counts;
        for (int t : targets)
            adjusted[t] -= 1;
        const int target = pickWeighted(targets, adjusted);
        mEvents.push_back({frame, c.id, "hop", mSpecimen.sites()[c.site].position, mSpecimen.sites()[target].position});
        c.site = target;
        c.depthFirst = mSpecimen.centredDepth(mSpecimen.sites()[target], c.occupancy);
        mHoppedThisFrame.push_back(c.id);
    }

    // Adsorption: Poisson number of new adatoms (onto a particle, if there is one).
    std::poisson_distribution<int> arrivals(d.adsorptionRate);
    for (int k = mSettings.specimen.particle ? arrivals(mRng) : 0; k > 0 && addAdatom(); --k) {
        const Column& c = mColumns.back();
        mAdsorbedThisFrame.push_back(c.id);
        const Vec2 at = mSpecimen.sites()[c.site].position;
        mEvents.push_back({frame, c.id, "adsorption", at, at});
    }

    // Desorption: chosen now, removed next frame, so this frame shows it as "desorbed". An
    // adatom that arrived or hopped this frame stays at least one more frame (one label each).
    auto inList = [](const std::vector<int>& list, int id) { return std::find(list.begin(), list.end(), id) != list.end(); };
    for (const Column& c : mColumns)
        if (c.adatom && uniform(mRng) < d.desorptionProbability && !inList(mAdsorbedThisFrame, c.id)
            && !inList(mHoppedThisFrame, c.id) && frame + 1 < mSettings.frames)
            mDesorbingNextFrame.push_back(c.id);

    // Drift: steady velocity plus a small random walk.
    std::normal_distribution<double> jitter(0.0, d.driftJitter_px);
    mDrift = mDrift + Vec2{d.driftX_px + jitter(mRng), d.driftY_px + jitter(mRng)};
}

void Dynamics::migrateTwin(int frame, int direction)
{
    // The boundary moves by one {111} plane: the twin side (away from the support) glides as a
    // block by a Shockley partial, at most 0.17 nm in projection, and the swept plane changes
    // variant. Every column keeps its id and moves to the nearest free site of the new
    // configuration; assigning the closest pairs first makes that a clean one-to-one map.
    const int oldPlane = mSpecimen.twinPlane();
    const std::vector<Site> oldSites = mSpecimen.sites();
    mSpecimen.rebuildSites(oldPlane + direction);
    const std::vector<Site>& sites = mSpecimen.sites();
    struct Candidate {
        double distance;
        std::size_t column;
        int site;
    };
    std::vector<Candidate> pairs;
    for (std::size_t c = 0; c < mColumns.size(); ++c) {
        const Vec2 from = oldSites[static_cast<std::size_t>(mColumns[c].site)].position;
        for (int i = 0; i < static_cast<int>(sites.size()); ++i) {
            const double dist = norm(sites[i].position - from);
            if (dist < 0.35)
                pairs.push_back({dist, c, i});
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const Candidate& a, const Candidate& b) {
        return a.distance < b.distance || (a.distance == b.distance && (a.column < b.column || (a.column == b.column && a.site < b.site)));
    });
    std::vector<char> siteTaken(sites.size(), 0);
    std::vector<char> placed(mColumns.size(), 0);
    const double h = mSpecimen.lattice().a / (2.0 * std::sqrt(2.0));
    for (const Candidate& pair : pairs) {
        if (placed[pair.column] || siteTaken[static_cast<std::size_t>(pair.site)])
            continue;
        Column& c = mColumns[pair.column];
        c.site = pair.site;
        // Atoms keep their depths as far as the new column's sublattice allows.
        int k = static_cast<int>(std::lround(c.depthFirst / h));
        if (((k - sites[pair.site].p) % 2 + 2) % 2 != 0)
            ++k;
        c.depthFirst = k * h;
        placed[pair.column] = 1;
        siteTaken[static_cast<std::size_t>(pair.site)] = 1;
    }
    // A column with no free site within reach (cannot happen for a convex particle) is removed
    // rather than left on a stale site.
    std::vector<Column> kept;
    for (std::size_t c = 0; c < mColumns.size(); ++c)
        if (placed[c])
            kept.push_back(mColumns[c]);
    mColumns.swap(kept);
    mEvents.push_back({frame, -1, "twin_migration", Vec2{double(oldPlane), 0.0}, Vec2{double(oldPlane + direction), 0.0}});
}

void Dynamics::record(int frame)
{
    const DynamicsSettings& d = mSettings.dynamics;
    FrameState state;
    state.frame = frame;
    state.twinPlane = mSpecimen.twinPlane();
    state.drift_px = mDrift;
    state.rotation = frame * d.rotation_deg * kPi / 180.0;
    const std::vector<int> counts = occupiedNeighbourCounts(mSpecimen.sites(), mColumns);
    std::normal_distribution<double> gauss(0.0, 1.0);
    for (const Column& c : mColumns) {
        const Site& site = mSpecimen.sites()[static_cast<std::size_t>(c.site)];
        ColumnState s;
        s.id = c.id;
        s.crystal = site.position;
        // A frame integrates over far longer than an atomic vibration period: that smearing is
        // the Debye-Waller factor of the potential. What can wander from frame to frame is the
        // centroid of n independently vibrating atoms, u/√n.
        const double sigma = (c.adatom ? d.adatomVibration_nm : d.vibration_nm) / std::sqrt(std::max(1, c.occupancy));
        s.vibration = {sigma * gauss(mRng), sigma * gauss(mRng)};
        s.occupancy = c.occupancy;
        s.depthFirst = c.depthFirst;
        s.adatom = c.adatom;
        s.surface = c.adatom || counts[static_cast<std::size_t>(c.site)] < 6;
        s.variant = site.variant;
        const bool hopped = std::find(mHoppedThisFrame.begin(), mHoppedThisFrame.end(), c.id) != mHoppedThisFrame.end();
        const bool arrived = std::find(mAdsorbedThisFrame.begin(), mAdsorbedThisFrame.end(), c.id) != mAdsorbedThisFrame.end();
        const bool leaving = std::find(mDesorbingNextFrame.begin(), mDesorbingNextFrame.end(), c.id) != mDesorbingNextFrame.end();
        s.behaviour = arrived ? Behaviour::Adsorbed : leaving ? Behaviour::Desorbed : hopped ? Behaviour::Hopping : Behaviour::Stable;
        state.columns.push_back(s);
    }
    mFrames.push_back(std::move(state));
}

} // namespace hrtem::sim
