"""The joint guide (handreiking): its versions, review rounds, comments and reminders."""
