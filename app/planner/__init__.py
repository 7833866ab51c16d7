"""The visit planner (拜访计划): before, during and after a visit, and repeating series."""
