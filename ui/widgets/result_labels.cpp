#include "ui/widgets/result_labels.h"

#include <QRegularExpression>

namespace hrtem::ui {

QString ResultLabels::behaviour(hrtem::Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::Stable:
        return tr("stable");
    case Behaviour::Hopping:
        return tr("hopping");
    case Behaviour::Adsorbed:
        return tr("adsorbed");
    case Behaviour::Desorbed:
        return tr("desorbed");
    }
    return QString::fromLatin1(behaviourName(behaviour));
}

QString ResultLabels::eventKind(const std::string& kind)
{
    if (kind == "hop")
        return tr("hop");
    if (kind == "adsorption")
        return tr("adsorption");
    if (kind == "desorption")
        return tr("desorption");
    return QString::fromStdString(kind);
}

QString ResultLabels::site(hrtem::SiteKind site)
{
    return site == SiteKind::Surface ? tr("surface") : tr("bulk");
}

QString ResultLabels::note(const std::string& text)
{
    const QString note = QString::fromStdString(text);
    // Each pattern is one sentence of core/pipeline (analysis_pipeline.cpp, frame_stages.cpp) or
    // core/classify/lattice_evidence.cpp; its numbers carry over.
    struct Known {
        const char* pattern;
        QString (*translate)(const QRegularExpressionMatch&);
    };
    static const Known known[] = {
        {R"(^columns stand out at ([\d.]+) noise sigmas in one frame: the crystal and its columns are found on (\d+) frames pooled, positions on each frame's own counts$)",
         [](const QRegularExpressionMatch& m) {
             return tr("columns stand out at %1 noise sigmas in one frame: the crystal and its columns are found on %2 frames pooled, positions on each frame's own counts")
                 .arg(m.captured(1), m.captured(2));
         }},
        {R"(^no lattice fringes found in the first frame: no atom columns can be located$)",
         [](const QRegularExpressionMatch&) { return tr("no lattice fringes found in the first frame: no atom columns can be located"); }},
        {R"(^no resolved crystal lattice: (\d+) fringe direction\(s\) above the noise \(two are needed to resolve columns\); the strongest spot reaches ([\d.]+) of the significance threshold(: no atom columns are located)?$)",
         [](const QRegularExpressionMatch& m) {
             const QString reason = tr("no resolved crystal lattice: %1 fringe direction(s) above the noise (two are needed to resolve columns); the strongest spot reaches %2 of the significance threshold")
                                        .arg(m.captured(1), m.captured(2));
             return m.captured(3).isEmpty() ? reason : tr("%1: no atom columns are located").arg(reason);
         }},
        {R"(^no resolved crystal lattice$)", [](const QRegularExpressionMatch&) { return tr("no resolved crystal lattice"); }},
        {R"(^the restoration shows columns the raw data do not support in (\d+) of (\d+) frames \(restoration_flag in frames.csv\): do not trust those frames' columns$)",
         [](const QRegularExpressionMatch& m) {
             return tr("the restoration shows columns the raw data do not support in %1 of %2 frames (restoration_flag in frames.csv): do not trust those frames' columns")
                 .arg(m.captured(1), m.captured(2));
         }},
        {R"(^the file has no length calibration: positions are in pixels only$)",
         [](const QRegularExpressionMatch&) { return tr("the file has no length calibration: positions are in pixels only"); }},
        {R"(^the file gives no frame interval: time_s is the frame index$)",
         [](const QRegularExpressionMatch&) { return tr("the file gives no frame interval: time_s is the frame index"); }},
    };
    for (const Known& k : known) {
        const QRegularExpression pattern(QString::fromLatin1(k.pattern));
        if (const QRegularExpressionMatch m = pattern.match(note); m.hasMatch())
            return k.translate(m);
    }
    return note;
}

QString ResultLabels::timeUnit(const std::string& unit)
{
    if (unit == "s")
        return tr("s");
    if (unit == "frame")
        return tr("frame");
    return QString::fromStdString(unit);
}

// The CLI overlay's palette (core/export/overlay_image.cpp, Okabe & Ito's colour-blind-safe set):
// blue/orange for bulk/surface, vermillion/sky blue/reddish purple for the behaviours.
QColor siteColour(hrtem::SiteKind site) { return site == SiteKind::Surface ? QColor(230, 159, 0) : QColor(0, 114, 178); }

QColor behaviourColour(hrtem::Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::Stable:
        return {150, 170, 200}; // muted: most of every track, it should not drown the events
    case Behaviour::Hopping:
        return {213, 94, 0};
    case Behaviour::Adsorbed:
        return {86, 180, 233};
    case Behaviour::Desorbed:
        return {204, 121, 167};
    }
    return {200, 200, 200};
}

QColor bondColour() { return {160, 160, 160}; }
QColor tailColour() { return {240, 228, 66}; }
QColor twinColour() { return {255, 40, 40}; }
QColor outlineColour() { return {255, 255, 255}; }
QColor selectionColour() { return {0, 230, 160}; }

} // namespace hrtem::ui
