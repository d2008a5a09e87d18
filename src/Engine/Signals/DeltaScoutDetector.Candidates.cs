using Engine.Model;

namespace Engine.Signals;

/// <summary>Steps 1-6 on the windows already holding the new row: context, zero, candidates, comparison, gates.</summary>
public sealed partial class DeltaScoutDetector
{
    private void Evaluate(in AggregatedRow row, in DeltaScoutRowValues values, long priceNowE8, ref DeltaScoutEvaluation result)
    {
        long n = _sequence; // rows in the feed, this one included
        result.RowStartMs = row.StartMs;

        // Step 1: context.
        result.VwapKnown = _vwapQty != 0;
        result.Vwap = result.VwapKnown ? VwapRounded() : 0;
        result.Poc = PythonRounding.RoundToInteger(_poc.TopKey * _pocStep); // the window is never empty here

        // Step 2: quiet minute.
        double mean9 = ToExactDouble(_qty9) / Math.Min(n, AvgWindow);
        result.Zero = ToExactDouble(row.TotalQty.E8) < _options.ZeroQtyTh && mean9 < _options.Avg9Max;

        // Statistics for the gates.
        result.PriceNow = ToExactDouble(priceNowE8);
        result.Ema50 = _ema50.Value;
        long range = _priceNowMax.Max + _priceNowMinNegated.Max; // max - min
        result.Chop30 = Math.Min(n, ChopWindow) < 2 || range == 0 ? double.PositiveInfinity : (double)_change30 / range;
        result.Coh10 = _vol10 == 0 ? 0.0 : Math.Abs((double)_delta10) / _vol10;

        // Step 3: candidates, MAX first; any MAX outcome but a PEAK ends the row.
        long deltaKey = OrderKey(values.Delta);
        bool isMax = deltaKey == _deltaMax.Max;
        bool isMin = deltaKey == -_deltaMinNegated.Max;
        if (isMax)
        {
            result.MaxOutcome = EvaluateCandidate(SignalDirection.Long, in row, in values, ref result);
            if (result.MaxOutcome != DeltaScoutOutcome.Peak)
            {
                result.MinOutcome = isMin ? DeltaScoutOutcome.SkippedAfterMax : DeltaScoutOutcome.NotCandidate;
                return;
            }
        }

        if (isMin)
        {
            result.MinOutcome = EvaluateCandidate(SignalDirection.Short, in row, in values, ref result);
        }
    }

    private DeltaScoutOutcome EvaluateCandidate(SignalDirection kind, in AggregatedRow row, in DeltaScoutRowValues values, ref DeltaScoutEvaluation result)
    {
        double price = row.AvgPrice;
        double vol = values.Vol;
        bool vwapKnown = result.VwapKnown;
        long vwap = result.Vwap;
        bool isLong = kind == SignalDirection.Long;

        // Step 4: every path sets prev = curr.
        PeakCandidate prev = _previous;
        _previous = new PeakCandidate { Present = true, Kind = kind, Price = price, Vol = vol, VwapKnown = vwapKnown, Vwap = vwap };
        if (!prev.Present)
        {
            return DeltaScoutOutcome.NoPrevious;
        }

        if (prev.Kind != kind)
        {
            return DeltaScoutOutcome.KindChanged;
        }

        if (vwapKnown && (isLong ? price < vwap : price > vwap))
        {
            return DeltaScoutOutcome.VwapSide;
        }

        if (vwapKnown && (isLong ? price - vwap : vwap - price) > _options.VwapMaxDistUsd)
        {
            return DeltaScoutOutcome.VwapTooFar;
        }

        bool vwapStronger = vwapKnown && prev.VwapKnown && (isLong ? vwap > prev.Vwap : vwap < prev.Vwap);
        bool priceStronger = isLong ? price > prev.Price : price < prev.Price;
        if (!(priceStronger && vol > prev.Vol && vwapStronger))
        {
            return DeltaScoutOutcome.NotStronger;
        }

        // Step 5: gates, in order; prev stays curr whatever happens.
        double priceNow = result.PriceNow;
        bool trend = isLong
            ? priceNow > result.Ema50 && (!vwapKnown || priceNow > vwap)
            : priceNow < result.Ema50 && (!vwapKnown || priceNow < vwap);
        if (!trend)
        {
            return DeltaScoutOutcome.TrendGate;
        }

        if (!(result.Chop30 <= _options.Chop30Max))
        {
            return DeltaScoutOutcome.ChopGate;
        }

        if (!(result.Coh10 >= _options.Coh10Min))
        {
            return DeltaScoutOutcome.CoherenceGate;
        }

        double imb = values.Imb;
        double imbMin = isLong ? _options.EffectiveImbMinLong : _options.EffectiveImbMinShort;
        if (!(imbMin <= imb && imb <= _options.ImbMax))
        {
            return DeltaScoutOutcome.ImbalanceGate;
        }

        // Step 6: emit.
        result.HasPeak = true;
        ref TradeSignal peak = ref result.Peak;
        peak.Symbol = row.Symbol;
        peak.Source = SignalSource.DeltaScout;
        peak.Direction = kind;
        peak.TimeMs = row.EndMs;
        peak.Price = price;
        peak.LastTradePrice = row.HasClose ? row.ClosePrice : default;
        peak.Delta = PythonRounding.Round(values.Delta, 2);
        peak.Volume = PythonRounding.Round(vol, 2);
        peak.Imbalance = PythonRounding.Round(imb, 3);
        peak.Vwap = vwapKnown ? vwap : double.NaN;
        peak.Poc = result.Poc;
        peak.Atr = double.NaN;
        return DeltaScoutOutcome.Peak;
    }
}
