#include "modules/hostel/demo.hpp"

namespace kenes::hostel {

void seed_demo(db::Tx& tx, const Clock& clock, const audit::Actor& actor, const Catalog& catalog, const DemoPeople& people)
{
    detail::seed_allocation_demo(tx, clock, actor, catalog, people);
    detail::seed_residence_demo(tx, clock, actor, catalog, people);
}

}
