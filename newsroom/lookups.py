"""`in` on an integer column leaves out the numbers the column cannot hold, as Django's own `exact`, `gt` and `lt`
do (IntegerFieldOverflow): SQLite cannot even bind a number past 64 bits (OverflowError, a 500), and a form's
choice of rows (ModelMultipleChoiceField: a section's series, a user's groups) looks up what is posted with `in`."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            # Left out, a number no row can have matches nothing, as it would have; none left is an empty result.
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
