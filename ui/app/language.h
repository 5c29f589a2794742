#pragma once
#include <QString>
#include <QStringList>

class QTranslator;

namespace hrtem::ui {

/// Interface languages: "" = follow the system locale, "en", "zh_CN".
QStringList availableLanguages();
/// The language actually used for a setting ("" resolves through the system locale).
QString resolveLanguage(const QString& setting);
/// Installs the application and Qt translations for `language` (replacing earlier ones);
/// widgets then receive QEvent::LanguageChange and retranslate themselves.
void applyLanguage(const QString& language);
/// The language last applied ("en" or "zh_CN"): what the manual and other texts outside the
/// translations follow.
QString currentLanguage();

} // namespace hrtem::ui
