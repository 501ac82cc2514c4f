"""The team lead's figures: the screen (view.FiguresView), its period chooser, its charts
(QtCharts) and the PNG and PDF made of them."""
