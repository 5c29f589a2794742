#pragma once
// Persistent user settings (QSettings), in one place with typed accessors.
#include <QString>
#include <QStringList>

namespace hrtem::ui::settings {

QString language();              ///< "" = system default
void setLanguage(const QString& language);

QStringList recentFiles();
void addRecentFile(const QString& path); ///< most recent first, at most 10
void clearRecentFiles();

double autoContrastLowPercent();  ///< default 0.5
double autoContrastHighPercent(); ///< default 99.5
void setAutoContrastPercents(double low, double high);

/// The folder last used for a kind of file ("stacks", "sessions", "exports"); home at first.
QString lastFolder(const QString& kind);
void setLastFolder(const QString& kind, const QString& folder);

/// The overlay layers, colouring and tail length last chosen (JSON, as a session's view).
QString overlayChoices();
void setOverlayChoices(const QString& json);

} // namespace hrtem::ui::settings
