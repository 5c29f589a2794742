// Runner for GUI tests: a QApplication on the offscreen platform, settings isolated from the
// user's (QStandardPaths test mode). With HRTEM_NEEDS_TESTDATA it skips (exit 77) where
// ../shared/testdata is absent, like data_test_main.cpp.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "tests/support/testdata.h"

#include <QApplication>
#include <QStandardPaths>

#include <cstring>
#include <iostream>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("HRTEM Studio tests"));
    QCoreApplication::setApplicationName(QStringLiteral("hrtem-studio-tests"));
#ifdef HRTEM_NEEDS_TESTDATA
    bool listing = false;
    for (int i = 1; i < argc; ++i)
        listing = listing || std::strncmp(argv[i], "--list", 6) == 0;
    if (!listing && !hrtem::test::testDataDir()) {
        std::cerr << "SKIPPED: test data folder not found (" << hrtem::test::kDefaultTestDataDir << ")\n";
        return 77;
    }
#endif
    return Catch::Session().run(argc, argv);
}
