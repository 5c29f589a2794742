#include "core/result/result_change.h"

#include <algorithm>
#include <cstring>

namespace hrtem {

template <class T>
template <class Differs>
void ResultChange::VectorChange<T>::thin(const std::vector<T>& now, Differs differs)
{
    if (!whole || all.size() != now.size())
        return; // tracks came or went: ids moved, keep all of it
    for (std::size_t k = 0; k < all.size(); ++k)
        if (differs(k, all[k], now[k]))
            some.emplace_back(k, std::move(all[k]));
    std::vector<T>().swap(all);
    whole = false;
}

template <class T>
void ResultChange::VectorChange<T>::swapWith(std::vector<T>& v)
{
    if (whole)
        std::swap(v, all);
    else
        for (auto& [k, value] : some)
            std::swap(v[k], value);
}

namespace {

bool sameTrack(const Track& a, const Track& b)
{
    // TrackPoint is two ints and two doubles without padding: compared as bytes.
    return a.id == b.id && a.significance == b.significance && a.edited == b.edited && a.points.size() == b.points.size() &&
           (a.points.empty() || std::memcmp(a.points.data(), b.points.data(), a.points.size() * sizeof(TrackPoint)) == 0);
}

} // namespace

void ResultChange::begin(const AnalysisResult& r)
{
    mTracks.all = r.tracking.tracks;
    mLabels.all = r.behaviours.perTrackPoint;
    mFeatures.all = r.behaviours.features;
    mEvents = r.behaviours.events;
    mCorrections = r.corrections;
}

void ResultChange::keepFrame(const AnalysisResult& r, int listIndex)
{
    for (const auto& kept : mFrames)
        if (kept.first == listIndex)
            return;
    mFrames.emplace_back(listIndex, r.frames[std::size_t(listIndex)]);
}

void ResultChange::keepTrackId(const AnalysisResult& r, int listIndex, int atom)
{
    mTrackIds.push_back({listIndex, atom, r.frames[std::size_t(listIndex)].atoms[std::size_t(atom)].trackId});
}

Atom& ResultChange::atomToChange(AnalysisResult& r, int listIndex, int atom)
{
    Atom& a = r.frames[std::size_t(listIndex)].atoms[std::size_t(atom)];
    mAtoms.push_back({listIndex, atom, a});
    return a;
}

void ResultChange::finish(const AnalysisResult& r, const std::set<int>& affected)
{
    std::set<std::size_t> changed(affected.begin(), affected.end());
    if (mTracks.all.size() == r.tracking.tracks.size())
        for (std::size_t k = 0; k < mTracks.all.size(); ++k)
            if (!sameTrack(mTracks.all[k], r.tracking.tracks[k]) ||
                (k < mLabels.all.size() && k < r.behaviours.perTrackPoint.size() && mLabels.all[k] != r.behaviours.perTrackPoint[k]))
                changed.insert(k);
    const auto differs = [&](std::size_t k, const auto&, const auto&) { return changed.count(k) > 0; };
    if (mTracks.all.size() == r.tracking.tracks.size() && mLabels.all.size() == r.behaviours.perTrackPoint.size() &&
        mFeatures.all.size() == r.behaviours.features.size()) {
        mTracks.thin(r.tracking.tracks, differs);
        mLabels.thin(r.behaviours.perTrackPoint, differs);
        mFeatures.thin(r.behaviours.features, differs);
    }
}

void ResultChange::undo(AnalysisResult& r)
{
    // The mirror of the order the edit changed things in, so each swap meets the values it kept.
    for (auto it = mAtoms.rbegin(); it != mAtoms.rend(); ++it)
        std::swap(r.frames[std::size_t(it->listIndex)].atoms[std::size_t(it->atom)], it->value);
    for (auto it = mTrackIds.rbegin(); it != mTrackIds.rend(); ++it)
        std::swap(r.frames[std::size_t(it->listIndex)].atoms[std::size_t(it->atom)].trackId, it->trackId);
    for (auto it = mFrames.rbegin(); it != mFrames.rend(); ++it)
        std::swap(r.frames[std::size_t(it->first)], it->second);
    mTracks.swapWith(r.tracking.tracks);
    mLabels.swapWith(r.behaviours.perTrackPoint);
    mFeatures.swapWith(r.behaviours.features);
    std::swap(r.behaviours.events, mEvents);
    std::swap(r.corrections, mCorrections);
}

void ResultChange::redo(AnalysisResult& r)
{
    std::swap(r.corrections, mCorrections);
    std::swap(r.behaviours.events, mEvents);
    mFeatures.swapWith(r.behaviours.features);
    mLabels.swapWith(r.behaviours.perTrackPoint);
    mTracks.swapWith(r.tracking.tracks);
    for (auto& kept : mFrames)
        std::swap(r.frames[std::size_t(kept.first)], kept.second);
    for (KeptTrackId& kept : mTrackIds)
        std::swap(r.frames[std::size_t(kept.listIndex)].atoms[std::size_t(kept.atom)].trackId, kept.trackId);
    for (KeptAtom& kept : mAtoms)
        std::swap(r.frames[std::size_t(kept.listIndex)].atoms[std::size_t(kept.atom)], kept.value);
}

std::size_t ResultChange::bytes() const
{
    std::size_t n = mAtoms.size() * sizeof(KeptAtom) + mTrackIds.size() * sizeof(KeptTrackId) +
                    mEvents.size() * sizeof(BehaviourEvent);
    for (const auto& kept : mFrames)
        n += kept.second.atoms.size() * sizeof(Atom) + sizeof(FrameAnalysis);
    const auto trackBytes = [](const Track& t) { return sizeof(Track) + t.points.size() * sizeof(TrackPoint); };
    for (const Track& t : mTracks.all)
        n += trackBytes(t);
    for (const auto& kept : mTracks.some)
        n += trackBytes(kept.second);
    for (const auto& labels : mLabels.all)
        n += labels.size() * sizeof(Behaviour);
    for (const auto& kept : mLabels.some)
        n += kept.second.size() * sizeof(Behaviour);
    n += (mFeatures.all.size() + mFeatures.some.size()) * sizeof(TrackFeatures);
    return n;
}

} // namespace hrtem
