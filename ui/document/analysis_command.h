#pragma once
// The `hrtem analyze` command line that reproduces a run from the window's settings.
#include "core/result/analysis_settings.h"

#include <QString>

namespace hrtem::ui {

// (Settings files are read and written by core: readAnalysisSettingsFile, analysis_settings.h.)

/// The `hrtem analyze` command that runs the same analysis on `input` into `outDir`: the flags
/// the CLI has (--restore, --weights, --device, --frames, --threads), and, for settings that
/// only a config file carries, those that differ from the defaults as an inline
/// `--config <(echo '…')` (bash). Arguments are quoted for a POSIX shell.
QString analyzeCommandLine(const AnalysisSettings& settings, const QString& input, const QString& outDir);

} // namespace hrtem::ui
