"""Reminders that reach people (`yzdocs notify`): when each open obligation is announced
(``schedule``), who receives it (``targets``), what the messages say (``digest``) and how
they are delivered (``delivery``, through Apprise). The recipe is ``yzdocs.notify``."""
