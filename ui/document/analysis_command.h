#pragma once
// The analysis settings as the files and commands outside the window know them: the JSON that
// `hrtem analyze --config` takes, and the `hrtem analyze` command line that reproduces a run.
#include "core/pipeline/analysis_settings.h"

#include <QString>

namespace hrtem::ui {

/// Reads a settings file (the `settings` object of a summary.json works too). Throws
/// hrtem::IoError naming the file and the problem (unknown key, wrong type, not JSON).
AnalysisSettings readAnalysisSettingsFile(const QString& path);
/// Writes `settings` as `hrtem analyze --config` reads it, atomically. Throws hrtem::IoError.
void writeAnalysisSettingsFile(const AnalysisSettings& settings, const QString& path);

/// The `hrtem analyze` command that runs the same analysis on `input` into `outDir`: the flags
/// the CLI has (--restore, --weights, --device, --frames, --threads), and, for settings that
/// only a config file carries, those that differ from the defaults as an inline
/// `--config <(echo '…')` (bash). Arguments are quoted for a POSIX shell.
QString analyzeCommandLine(const AnalysisSettings& settings, const QString& input, const QString& outDir);

} // namespace hrtem::ui
