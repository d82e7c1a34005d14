"""Price forecasting, free of Django: regular series, candidate models,
neighbouring-market regression, backtest selection and conformal intervals."""
