// Runner for tests that read the real instrument files in ../shared/testdata. Where a checkout
// has no such folder the tests report "skipped" to CTest (exit 77) instead of failing with a
// misleading error; the run says why.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "tests/support/testdata.h"

#include <cstring>
#include <iostream>

int main(int argc, char** argv)
{
    bool listing = false;
    for (int i = 1; i < argc; ++i)
        listing = listing || std::strncmp(argv[i], "--list", 6) == 0;
    if (!listing && !hrtem::test::testDataDir()) {
        std::cerr << "SKIPPED: test data folder not found (" << hrtem::test::kDefaultTestDataDir
                  << "; set HRTEM_TESTDATA_DIR)\n";
        return 77;
    }
    return Catch::Session().run(argc, argv);
}
