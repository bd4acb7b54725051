// Links redress::redress from the installed tree, as any C++ program would, and does a real job with it: reads a
// case file, works out its remedy and deadlines, and prints them. Then checks the answers, worked by hand below.
//
//   consumer [CASE.json]     (default: case.json next to this file, the example of docs/case-format.md)
#include <redress/redress.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : REDRESS_CONSUMER_CASE;
  int failures = 0;
  auto check = [&failures](bool ok, const std::string& what) {
    std::cout << (ok ? "ok   " : "FAIL ") << what << '\n';
    if (!ok) ++failures;
  };

  try {
    // The job: read the case, evaluate it as of a date, print the remedy and every deadline.
    const redress::CaseFile file = redress::read_case(read_file(path));
    const redress::Case& c = file.value;
    redress::CaseOptions options;
    options.as_of = boost::gregorian::date(2026, 11, 22);
    const redress::CaseReport report = redress::evaluate_case(c, options);

    std::cout << (c.reference ? c.reference->str() : std::string("(no reference)")) << ' ' << c.authority << '\n';
    if (report.remedy) std::cout << report.remedy->explain();
    for (const redress::Deadline& d : report.deadlines) {
      std::cout << "  " << (d.due ? redress::iso(*d.due) : std::string("-")) << "  " << redress::to_string(d.status)
                << "  " << d.title << '\n';
    }

    // The example case: 4 school months (February to May 2025) at £600 = £2,400, plus £300 for distress: £2,700.
    check(report.remedy && report.remedy->total.format() == "£2,700.00",
          "remedy total £2,700.00: " + (report.remedy ? report.remedy->total.format() : std::string("none")));
    // reg 13(2): request 9 September 2024 + 20 weeks (140 days) = Monday 27 January 2025; the plan was issued on
    // 3 March 2025, 35 days later (4 days of January + 28 of February + 3 of March).
    bool found = false;
    for (const redress::Deadline& d : report.deadlines) {
      if (d.rule != "ehc.final_plan") continue;
      found = true;
      check(d.due == boost::gregorian::date(2025, 1, 27), "final EHC plan due 2025-01-27");
      check(d.status == redress::DeadlineStatus::met_late && d.days_late == 35, "final plan met 35 days late");
    }
    check(found, "the case has the ehc.final_plan deadline");
  } catch (const std::exception& e) {  // redress::Error, or the file could not be read
    check(false, std::string("the case reads and evaluates: ") + e.what());
  }

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
