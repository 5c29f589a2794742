#pragma once
// The `hrtem analyze` command line that reproduces a run from the window's settings.
#include "core/result/analysis_settings.h"

#include <QString>

namespace hrtem::ui {

// (Settings files are read and written by core: readAnalysisSettingsFile, analysis_settings.h.)

/// The `hrtem analyze` command that runs the same analysis on `input` into `outDir`: the flag of
/// every setting that differs from its default (setting_descriptions.h). Arguments are quoted
/// for a POSIX shell.
QString analyzeCommandLine(const AnalysisSettings& settings, const QString& input, const QString& outDir);

} // namespace hrtem::ui
