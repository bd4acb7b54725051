// Links redress::redress from the installed tree and checks a few answers worked by hand.
#include <redress/redress.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

int main() {
  int failures = 0;
  auto check = [&failures](bool ok, const std::string& what) {
    std::cout << (ok ? "ok   " : "FAIL ") << what << '\n';
    if (!ok) ++failures;
  };

  // Seed 000 (Dorset 21 002 722): 8 school months at £600 plus 3 at £500 is £6,300 of lost provision.
  redress::Money lost = redress::Money::parse("600") * 8 + redress::Money::parse("£500.00") * 3;
  check(lost.format() == "£6,300.00", "8 x £600 + 3 x £500 = " + lost.format());

  redress::CaseReference reference("21-002-722");
  check(reference.str() == "21 002 722" && reference.year() == 2021, "21-002-722 reads as " + reference.str());

  try {
    redress::Money::parse("1.005");
    check(false, "1.005 is refused");
  } catch (const redress::Error& e) {
    check(e.value() == "1.005", std::string("1.005 is refused: ") + e.what());
  }

  check(std::string(redress::library_version()) == REDRESS_VERSION,
        std::string("library ") + redress::library_version() + " matches headers " + REDRESS_VERSION);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
