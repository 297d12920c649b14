"""The action board: columns of quarter, months and weeks; lanes; painted cards."""
