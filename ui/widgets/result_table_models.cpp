#include "ui/widgets/result_table_models.h"

#include "core/result/analysis_result.h"
#include "ui/widgets/result_labels.h"

#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace hrtem::ui {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Index of the track with `trackId`: ids are 0..n-1 in order, so usually a direct hit.
int trackIndexOfId(const TrackingResult& tracking, int trackId)
{
    const auto& tracks = tracking.tracks;
    if (trackId >= 0 && trackId < int(tracks.size()) && tracks[std::size_t(trackId)].id == trackId)
        return trackId;
    for (std::size_t t = 0; t < tracks.size(); ++t)
        if (tracks[t].id == trackId)
            return int(t);
    return -1;
}

/// Index of the point of `track` in frame `listIndex` (points are in ascending frames), -1 if none.
int pointInFrame(const Track& track, int listIndex)
{
    const auto it = std::lower_bound(track.points.begin(), track.points.end(), listIndex,
                                     [](const TrackPoint& p, int frame) { return p.frame < frame; });
    return it != track.points.end() && it->frame == listIndex ? int(it - track.points.begin()) : -1;
}

bool isNumber(const QVariant& v)
{
    const int type = v.typeId();
    return type == QMetaType::Int || type == QMetaType::Double;
}

QColor eventColour(const std::string& kind)
{
    if (kind == "hop")
        return behaviourColour(Behaviour::Hopping);
    if (kind == "adsorption")
        return behaviourColour(Behaviour::Adsorbed);
    if (kind == "desorption")
        return behaviourColour(Behaviour::Desorbed);
    return {};
}
} // namespace

// ---- ResultTableModel ----

void ResultTableModel::setResult(std::shared_ptr<const hrtem::AnalysisResult> result)
{
    beginResetModel();
    mResult = std::move(result);
    rebuild();
    endResetModel();
}

void ResultTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columns() - 1);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columns() - 1), {Qt::DisplayRole});
}

int ResultTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !mResult ? 0 : rows();
}

int ResultTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : columns(); }

QVariant ResultTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columns())
        return {};
    const int row = index.row(), column = index.column();
    switch (role) {
    case Qt::DisplayRole: {
        const QVariant v = value(row, column);
        if (v.typeId() != QMetaType::Double)
            return v;
        const double d = v.toDouble();
        return std::isfinite(d) ? QVariant(QLocale().toString(d, 'f', decimals(column))) : QVariant();
    }
    case SortRole: {
        const QVariant v = value(row, column);
        return v.typeId() == QMetaType::Double && !std::isfinite(v.toDouble()) ? QVariant() : v;
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (isNumber(value(row, column)) ? Qt::AlignRight : Qt::AlignLeft));
    case Qt::DecorationRole: {
        const QColor c = swatch(row, column);
        return c.isValid() ? QVariant(c) : QVariant();
    }
    case TrackIdRole:
        return trackId(row);
    case StackFrameRole:
        return stackFrame(row);
    default:
        return {};
    }
}

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columns())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return header(section);
    if (role == Qt::ToolTipRole) {
        const QString tip = headerToolTip(section);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    return {};
}

bool ResultTableModel::calibrated() const { return mResult && mResult->pixel_nm > 0; }

QString ResultTableModel::lengthUnit() const { return calibrated() ? tr("nm") : tr("px"); }

QString ResultTableModel::timeUnit() const { return ResultLabels::timeUnit(mResult ? mResult->timeUnit : "s"); }

int ResultTableModel::stackFrameOfListIndex(int listIndex) const
{
    if (mResult && listIndex >= 0 && listIndex < int(mResult->frames.size()))
        return mResult->frames[std::size_t(listIndex)].frame;
    return listIndex;
}

double ResultTableModel::timeOfListIndex(int listIndex) const
{
    if (mResult && listIndex >= 0 && listIndex < int(mResult->frames.size()))
        return mResult->frames[std::size_t(listIndex)].time_s;
    return kNaN;
}

// ---- AtomsTableModel ----

void AtomsTableModel::setStackFrame(int stackFrame)
{
    beginResetModel();
    mStackFrame = stackFrame;
    rebuild();
    endResetModel();
}

void AtomsTableModel::rebuild()
{
    mListIndex = -1;
    mBehaviour.clear();
    if (!mResult)
        return;
    mListIndex = mResult->listIndexOf(mStackFrame);
    if (mListIndex < 0)
        return;
    // The behaviour of each atom's track in this frame, looked up once here rather than per cell.
    const std::vector<Atom>& atoms = mResult->frames[std::size_t(mListIndex)].atoms;
    const auto& perPoint = mResult->behaviours.perTrackPoint;
    mBehaviour.assign(atoms.size(), -1);
    for (std::size_t a = 0; a < atoms.size(); ++a) {
        const int t = trackIndexOfId(mResult->tracking, atoms[a].trackId);
        if (t < 0 || std::size_t(t) >= perPoint.size())
            continue;
        const int p = pointInFrame(mResult->tracking.tracks[std::size_t(t)], mListIndex);
        if (p >= 0 && std::size_t(p) < perPoint[std::size_t(t)].size())
            mBehaviour[a] = int(perPoint[std::size_t(t)][std::size_t(p)]);
    }
}

int AtomsTableModel::rows() const
{
    return mListIndex < 0 ? 0 : int(mResult->frames[std::size_t(mListIndex)].atoms.size());
}

QString AtomsTableModel::header(int column) const
{
    switch (Column(column)) {
    case Id: return tr("Atom");
    case XPx: return tr("x (px)");
    case YPx: return tr("y (px)");
    case XNm: return tr("x (nm)");
    case YNm: return tr("y (nm)");
    case ErrX: return tr("Error x (px)");
    case ErrY: return tr("Error y (px)");
    case Amplitude: return tr("Amplitude");
    case Coordination: return tr("Coordination");
    case Site: return tr("Site");
    case TrackId: return tr("Track");
    case TrackBehaviour: return tr("Behaviour");
    case Edited: return tr("Edited");
    case ColumnCount: break;
    }
    return {};
}

QVariant AtomsTableModel::value(int row, int column) const
{
    const Atom& a = mResult->frames[std::size_t(mListIndex)].atoms[std::size_t(row)];
    const double nm = calibrated() ? mResult->pixel_nm : kNaN; // NaN: empty nm cells
    switch (Column(column)) {
    case Id: return a.id;
    case XPx: return a.x;
    case YPx: return a.y;
    case XNm: return a.x * nm;
    case YNm: return a.y * nm;
    case ErrX: return a.errX;
    case ErrY: return a.errY;
    case Amplitude: return a.amplitude;
    case Coordination: return a.coordination;
    case Site: return ResultLabels::site(a.site);
    case TrackId: return a.trackId >= 0 ? QVariant(a.trackId) : QVariant();
    case TrackBehaviour: {
        const int b = mBehaviour[std::size_t(row)];
        return b < 0 ? QVariant() : QVariant(ResultLabels::behaviour(hrtem::Behaviour(b)));
    }
    case Edited: return a.edited ? QVariant(tr("by hand")) : QVariant(); // the track's own flag is in Tracks
    case ColumnCount: break;
    }
    return {};
}

int AtomsTableModel::decimals(int column) const
{
    switch (Column(column)) {
    case XNm:
    case YNm:
    case Amplitude: return 4;
    case XPx:
    case YPx: return 2;
    default: return 3;
    }
}

int AtomsTableModel::trackId(int row) const
{
    return mResult->frames[std::size_t(mListIndex)].atoms[std::size_t(row)].trackId;
}

int AtomsTableModel::stackFrame(int) const { return mStackFrame; }

QColor AtomsTableModel::swatch(int row, int column) const
{
    const int b = mBehaviour[std::size_t(row)];
    return column == TrackBehaviour && b >= 0 ? behaviourColour(hrtem::Behaviour(b)) : QColor();
}

// ---- TracksTableModel ----

void TracksTableModel::rebuild()
{
    mCommonBehaviour.clear();
    if (!mResult)
        return;
    const auto& perPoint = mResult->behaviours.perTrackPoint;
    mCommonBehaviour.assign(mResult->tracking.tracks.size(), -1);
    for (std::size_t t = 0; t < mCommonBehaviour.size() && t < perPoint.size(); ++t)
        mCommonBehaviour[t] = perPoint[t].empty() ? -1 : int(hrtem::trackBehaviour(perPoint[t]));
}

int TracksTableModel::rows() const { return int(mResult->tracking.tracks.size()); }

int TracksTableModel::rowOfTrack(int trackId) const
{
    return mResult ? trackIndexOfId(mResult->tracking, trackId) : -1;
}

QString TracksTableModel::header(int column) const
{
    switch (Column(column)) {
    case Id: return tr("Track");
    case FirstFrame: return tr("First frame");
    case LastFrame: return tr("Last frame");
    case Detections: return tr("Detections");
    case NetDisplacement: return tr("Net displacement (%1)").arg(lengthUnit());
    case MeanSpeed: return tr("Mean speed (%1/%2)").arg(lengthUnit(), timeUnit());
    case Diffusion: return tr("Diffusion (%1²/%2)").arg(lengthUnit(), timeUnit());
    case Jumps: return tr("Jumps");
    case MeanDwell: return tr("Mean dwell (%1)").arg(timeUnit());
    case CommonBehaviour: return tr("Behaviour");
    case Edited: return tr("Edited");
    case ColumnCount: break;
    }
    return {};
}

QString TracksTableModel::headerToolTip(int column) const
{
    switch (Column(column)) {
    case Detections: return tr("Frames in which the column was detected (interpolated gaps not counted)");
    case NetDisplacement: return tr("From the first to the last position, drift removed");
    case MeanSpeed: return tr("Path length over the track's duration, drift removed");
    case Diffusion: return tr("2-D diffusion coefficient from the mean squared displacement");
    case Jumps: return tr("Changes of lattice site (hops)");
    case MeanDwell: return tr("Mean stay at one site");
    case CommonBehaviour: return tr("Adsorbed or desorbed if the column arrived or left during the movie, else hopping if it changed site, else stable");
    case Edited: return tr("Changed by hand: a column added, moved or deleted, merged, split or relabelled");
    default: return {};
    }
}

QVariant TracksTableModel::value(int row, int column) const
{
    const Track& track = mResult->tracking.tracks[std::size_t(row)];
    const auto& features = mResult->behaviours.features;
    const TrackFeatures* f = std::size_t(row) < features.size() ? &features[std::size_t(row)] : nullptr;
    const double scale = calibrated() ? mResult->pixel_nm : 1.0;
    switch (Column(column)) {
    case Id: return track.id;
    case FirstFrame:
        return track.points.empty() ? QVariant() : QVariant(stackFrameOfListIndex(track.points.front().frame));
    case LastFrame:
        return track.points.empty() ? QVariant() : QVariant(stackFrameOfListIndex(track.points.back().frame));
    case Detections:
        if (f)
            return f->detections;
        return int(std::count_if(track.points.begin(), track.points.end(),
                                 [](const TrackPoint& p) { return p.atomIndex >= 0; }));
    case NetDisplacement: return f ? f->netDisplacement_px * scale : kNaN;
    case MeanSpeed: return f ? f->meanSpeed_px_per_s * scale : kNaN;
    case Diffusion: return f ? f->diffusion_px2_per_s * scale * scale : kNaN;
    case Jumps: return f ? QVariant(f->jumps) : QVariant();
    case MeanDwell: return f ? f->meanDwell_s : kNaN;
    case CommonBehaviour: {
        const int b = mCommonBehaviour[std::size_t(row)];
        return b < 0 ? QVariant() : QVariant(ResultLabels::behaviour(hrtem::Behaviour(b)));
    }
    case Edited: return track.edited ? QVariant(tr("by hand")) : QVariant();
    case ColumnCount: break;
    }
    return {};
}

int TracksTableModel::decimals(int column) const
{
    const bool nm = calibrated();
    switch (Column(column)) {
    case NetDisplacement:
    case MeanSpeed: return nm ? 4 : 2;
    case Diffusion: return nm ? 6 : 3;
    default: return 2;
    }
}

int TracksTableModel::trackId(int row) const { return mResult->tracking.tracks[std::size_t(row)].id; }

int TracksTableModel::stackFrame(int row) const
{
    const Track& track = mResult->tracking.tracks[std::size_t(row)];
    return track.points.empty() ? -1 : stackFrameOfListIndex(track.points.front().frame);
}

QColor TracksTableModel::swatch(int row, int column) const
{
    const int b = mCommonBehaviour[std::size_t(row)];
    return column == CommonBehaviour && b >= 0 ? behaviourColour(hrtem::Behaviour(b)) : QColor();
}

// ---- EventsTableModel ----

int EventsTableModel::rows() const { return int(mResult->behaviours.events.size()); }

QString EventsTableModel::header(int column) const
{
    switch (Column(column)) {
    case Frame: return tr("Frame");
    case Time: return tr("Time (%1)").arg(timeUnit());
    case TrackId: return tr("Track");
    case Kind: return tr("Event");
    case FromX: return tr("From x (px)");
    case FromY: return tr("From y (px)");
    case ToX: return tr("To x (px)");
    case ToY: return tr("To y (px)");
    case Distance: return tr("Distance (%1)").arg(lengthUnit());
    case ColumnCount: break;
    }
    return {};
}

QVariant EventsTableModel::value(int row, int column) const
{
    const BehaviourEvent& e = mResult->behaviours.events[std::size_t(row)];
    switch (Column(column)) {
    case Frame: return stackFrameOfListIndex(e.frame);
    case Time: return timeOfListIndex(e.frame);
    case TrackId: return e.trackId;
    case Kind: return ResultLabels::eventKind(e.kind);
    case FromX: return e.from.x;
    case FromY: return e.from.y;
    case ToX: return e.to.x;
    case ToY: return e.to.y;
    case Distance:
        return std::hypot(e.to.x - e.from.x, e.to.y - e.from.y) * (calibrated() ? mResult->pixel_nm : 1.0);
    case ColumnCount: break;
    }
    return {};
}

int EventsTableModel::decimals(int column) const
{
    switch (Column(column)) {
    case Time: return 3;
    case Distance: return calibrated() ? 4 : 2;
    default: return 2;
    }
}

int EventsTableModel::trackId(int row) const { return mResult->behaviours.events[std::size_t(row)].trackId; }

int EventsTableModel::stackFrame(int row) const
{
    return stackFrameOfListIndex(mResult->behaviours.events[std::size_t(row)].frame);
}

QColor EventsTableModel::swatch(int row, int column) const
{
    return column == Kind ? eventColour(mResult->behaviours.events[std::size_t(row)].kind) : QColor();
}

} // namespace hrtem::ui
