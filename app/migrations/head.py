HEAD_REVISION = "0002_checkin_metric_date"

# Revisions whose tables and columns are the head's: the migrations after them only add
# indexes. A read-only window opens a plan at one of these as it is (it cannot upgrade);
# reads are the same, only slower.
SAME_TABLES_AS_HEAD = frozenset({"0001_initial", HEAD_REVISION})
