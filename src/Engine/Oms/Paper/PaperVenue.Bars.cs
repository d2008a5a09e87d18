using Engine.Model;

namespace Engine.Oms.Paper;

public sealed partial class PaperVenue
{
    /// <summary>
    /// Bar fill model for aggregated.csv input, one closed row at a time (fills carry the row's end time): requests
    /// that reached the venue before the row ended, then market orders at the row's AvgPrice ± slippage, then stops
    /// triggered by LowPrice/HighPrice (filled at the stop ± slippage, or at the row's high/low when the whole row
    /// gapped past the stop), and only then limits and take-profits. When one
    /// row crosses both a stop and a target the stop fills first, the conservative reading of a bar whose path inside
    /// is unknown; the reduce-only target then finds nothing left to close. A limit fills at most the row's TotalQty.
    /// </summary>
    public void OnRow(in AggregatedRow row)
    {
        if (FillModel != PaperFillModel.Bars && !AcceptInput(PaperFillModel.Bars))
        {
            return;
        }

        Arrive(row.EndMs - 1);
        int s = row.Symbol.Value;
        if ((uint)s >= (uint)_filters.Length || !_filters[s].IsValid)
        {
            return;
        }

        ref readonly VenueFilters f = ref _filters[s];
        Price avg = OnTickFromStatistic(row.AvgPrice, f.TickSize);
        Price close = row.HasClose ? row.ClosePrice : avg;
        Price high = row.HasHighLow ? row.HighPrice : close;
        Price low = row.HasHighLow ? row.LowPrice : close;
        long t = row.EndMs;

        for (int pass = 0; pass < 3; pass++)
        {
            for (int i = 0; i < _bookHighWater; i++)
            {
                ref PaperOrder o = ref _book[i];
                if (!o.InUse || o.Request.Symbol.Value != s)
                {
                    continue;
                }

                bool buy = o.Request.Side == Side.Buy;
                OrderType type = o.Request.Type;
                if (pass == 0 && type == OrderType.Market)
                {
                    FillAtMarket(ref o, avg, t);
                }
                else if (pass == 1 && type == OrderType.StopMarket && (buy ? high >= o.Request.StopPrice : low <= o.Request.StopPrice))
                {
                    // The worse of the stop and the row: a row that traded wholly beyond the stop (gapped) never
                    // printed the stop; the best it offers is its low (buy) or high (sell).
                    Price stop = o.Request.StopPrice;
                    FillAtMarket(ref o, buy ? (low > stop ? low : stop) : (high < stop ? high : stop), t);
                }
                else if (pass == 2 && type == OrderType.TakeProfitMarket && (buy ? low <= o.Request.StopPrice : high >= o.Request.StopPrice))
                {
                    FillAtMarket(ref o, o.Request.StopPrice, t);
                }
                else if (pass == 2 && type == OrderType.Limit && (buy ? low <= o.Request.Price : high >= o.Request.Price) && row.TotalQty.E8 > 0)
                {
                    Quantity q = o.Remaining < row.TotalQty ? o.Remaining : row.TotalQty;
                    Fill(ref o, q, o.Request.Price, !o.TakerOnFill, t);
                }
            }
        }

        _lastPrice[s] = close;
    }

    /// <summary>The row's AvgPrice is a double statistic: the one place it becomes a price, on the nearest tick.</summary>
    private static Price OnTickFromStatistic(double value, Price tick)
    {
        double ticks = Math.Round(value / tick.ToDouble(), MidpointRounding.AwayFromZero);
        return new Price((long)ticks * tick.E8);
    }
}
