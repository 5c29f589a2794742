#include "ui/widgets/result_labels.h"

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
