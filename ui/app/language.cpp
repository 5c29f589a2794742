#include "ui/app/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace hrtem::ui {

QStringList availableLanguages() { return {QString(), QStringLiteral("en"), QStringLiteral("zh_CN")}; }

QString resolveLanguage(const QString& setting)
{
    if (!setting.isEmpty())
        return setting;
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

namespace {
QString gCurrentLanguage = QStringLiteral("en");
}

QString currentLanguage() { return gCurrentLanguage; }

void applyLanguage(const QString& language)
{
    static QTranslator* appTranslator = nullptr;
    static QTranslator* qtTranslator = nullptr;
    for (QTranslator** t : {&appTranslator, &qtTranslator}) {
        if (*t != nullptr) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    const QString lang = resolveLanguage(language);
    gCurrentLanguage = lang;
    if (lang == QLatin1String("en"))
        return; // source strings are English
    appTranslator = new QTranslator(QCoreApplication::instance());
    if (appTranslator->load(QStringLiteral(":/i18n/hrtem_%1.qm").arg(lang)))
        QCoreApplication::installTranslator(appTranslator);
    // Qt's own strings (standard buttons, file dialogs), where the system has them.
    qtTranslator = new QTranslator(QCoreApplication::instance());
    if (qtTranslator->load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
}

} // namespace hrtem::ui
