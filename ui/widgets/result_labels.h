#pragma once
// Display names and colours of what an analysis result classifies (behaviours, event kinds,
// site kinds), shared by the trajectory view and the result tables so both speak alike.
#include "core/locate/atom.h"
#include "core/behave/behaviours.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

#include <string>

namespace hrtem::ui {

class ResultLabels {
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::ResultLabels)
public:
    static QString behaviour(hrtem::Behaviour behaviour);
    /// "hop", "adsorption", "desorption" translated; any other kind is shown as the core names it.
    static QString eventKind(const std::string& kind);
    static QString site(hrtem::SiteKind site);
    /// The result's time unit ("s", or "frame" when the file gives no frame interval).
    static QString timeUnit(const std::string& unit);
    /// A note of core's analysis (AnalysisResult::notes, a frame's note) in the interface's
    /// language: core writes them in English, for the CLI and summary.json. A note this does not
    /// know is shown as core wrote it.
    static QString note(const std::string& note);
};

/// The colours of every analysis view: the CLI overlay's colour-blind-safe palette. Behaviour
/// colours: stable muted (it is most of every track and should not drown the rest), events
/// saturated and far apart in hue.
QColor siteColour(hrtem::SiteKind site);
QColor behaviourColour(hrtem::Behaviour behaviour);
QColor bondColour();
QColor tailColour();
QColor twinColour();
QColor outlineColour();
QColor selectionColour();

} // namespace hrtem::ui
