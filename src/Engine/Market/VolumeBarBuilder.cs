using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Market;

/// <summary>
/// Volume bars for one symbol: each bar closes when it holds its threshold of base quantity (or quote notional);
/// a trade that crosses the threshold is split, the remainder carrying to the next bar (one large trade may fill
/// several bars). Only MARKET trades count. Single-threaded, zero allocation.
/// </summary>
/// <remarks>
/// <para>Base mode is exact: every closed bar's <see cref="VolumeBar.Volume"/> equals the threshold to 10^-8, and
/// Σ bar volumes + the open bar's volume equals the input quantity, per taker side too (each split part keeps the
/// aggressor side of its trade).</para>
/// <para>Quote ("dollar") mode splits in base steps of 10^-8: the part that closes a bar is the smallest quantity
/// whose notional brings the bar to at least the threshold. So each closed bar's exact quote volume
/// <see cref="VolumeBar.QuoteVolumeE16"/> satisfies threshold ≤ quote volume &lt; threshold + price × 10^-8 (less
/// than one quote unit per 10^8 of price, e.g. under 0.0007 USDT at 65,000). Base quantity is conserved exactly,
/// per side; the quote overshoot is not carried, so each bar is measured independently.</para>
/// <para><see cref="VolumeBar.Trades"/> counts each trade that put volume into the bar, so a trade split over k bars
/// counts once in each of the k bars. Open/High/Low/Close, VWAP and first/last trade time cover the parts in the bar.</para>
/// </remarks>
public sealed class VolumeBarBuilder
{
    public static readonly Quantity DefaultBaseThreshold = new(10 * FixedPoint.Scale);

    private readonly VolumeBarMode _mode;
    private readonly long _thresholdE8;
    private readonly Int128 _thresholdE16; // quote mode: threshold × 10^8, in the unit of price.E8 × qty.E8
    private VolumeBar _bar; // the open bar: BuyVolume and QuoteVolumeE16 are filled in only when it is read
    private NotionalSum _notional; // the open bar's exact quote volume

    private VolumeBarBuilder(SymbolId symbol, VolumeBarMode mode, long thresholdE8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thresholdE8);
        _mode = mode;
        _thresholdE8 = thresholdE8;
        _thresholdE16 = (Int128)thresholdE8 * FixedPoint.Scale;
        _bar.Symbol = symbol;
        ClearOpen();
    }

    /// <summary>Bars of a fixed base-asset quantity (default 10 units).</summary>
    public static VolumeBarBuilder ForBaseVolume(SymbolId symbol, Quantity threshold) => new(symbol, VolumeBarMode.Base, threshold.E8);

    /// <summary>"Dollar bars" of a fixed quote notional; see the class remarks for what is exact.</summary>
    public static VolumeBarBuilder ForQuoteVolume(SymbolId symbol, Money threshold) => new(symbol, VolumeBarMode.Quote, threshold.E8);

    public SymbolId Symbol => _bar.Symbol;

    public VolumeBarMode Mode => _mode;

    /// <summary>Threshold as a raw 10^-8 amount: base quantity or quote notional, per <see cref="Mode"/>.</summary>
    public long ThresholdE8 => _thresholdE8;

    /// <summary>A copy of the bar being filled (the remainder not yet in a closed bar); its VWAP is not computed yet.</summary>
    public VolumeBar OpenBar
    {
        get
        {
            VolumeBar bar = _bar;
            Complete(ref bar);
            if (bar.Trades == 0)
            {
                bar.High = Price.Zero;
                bar.Low = Price.Zero;
            }

            return bar;
        }
    }

    public long BarsEmitted => _bar.Index;

    public long IgnoredTrades { get; private set; }

    public long InvalidTrades { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TradeOutcome OnTrade<TSink>(in Trade trade, ref TSink sink)
        where TSink : struct, IVolumeBarSink
    {
        long priceE8 = trade.Price.E8;
        long qtyE8 = trade.Quantity.E8;
        if (trade.Type != TradeType.Market)
        {
            return Ignore();
        }

        if ((priceE8 | qtyE8 | (priceE8 - 1) | (qtyE8 - 1)) < 0) // either not positive, in one branch
        {
            return Reject();
        }

        bool fits = _mode == VolumeBarMode.Base
            ? qtyE8 < _thresholdE8 - _bar.Volume.E8
            : Math.BigMul(priceE8, qtyE8) < _thresholdE16 - _notional.Value;
        if (fits)
        {
            AddPart(priceE8, qtyE8, trade.BuyerIsMaker, trade.TradeTimeMs);
        }
        else
        {
            Split(priceE8, qtyE8, trade.BuyerIsMaker, trade.TradeTimeMs, ref sink);
        }

        return TradeOutcome.Accepted;
    }

    /// <summary>Forgets the open bar, the bar numbering and the counters: as new, for a replay from the start.</summary>
    public void Reset()
    {
        SymbolId symbol = _bar.Symbol;
        _bar = default;
        _bar.Symbol = symbol;
        ClearOpen();
        IgnoredTrades = 0;
        InvalidTrades = 0;
    }

    // The trade reaches the threshold: close as many bars as it fills, keep the rest open.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Split<TSink>(long priceE8, long qtyE8, bool buyerIsMaker, long timeMs, ref TSink sink)
        where TSink : struct, IVolumeBarSink
    {
        while (qtyE8 > 0)
        {
            long needE8;
            if (_mode == VolumeBarMode.Base)
            {
                needE8 = _thresholdE8 - _bar.Volume.E8;
            }
            else
            {
                // Smallest part whose notional reaches the remaining quote room: ceil(room / price). A trade that
                // exactly completes the bar (need == qty) closes it here, not with a zero-quantity part of the next.
                Int128 room = _thresholdE16 - _notional.Value;
                Int128 need = (room + priceE8 - 1) / priceE8;
                needE8 = need > qtyE8 ? long.MaxValue : (long)need;
            }

            if (qtyE8 < needE8)
            {
                AddPart(priceE8, qtyE8, buyerIsMaker, timeMs);
                return;
            }

            AddPart(priceE8, needE8, buyerIsMaker, timeMs);
            qtyE8 -= needE8;
            Emit(ref sink);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddPart(long priceE8, long qtyE8, bool buyerIsMaker, long timeMs)
    {
        ref VolumeBar bar = ref _bar;
        if (bar.Trades == 0)
        {
            bar.Open = new Price(priceE8);
            bar.FirstTradeTimeMs = timeMs;
        }

        bar.High = new Price(Math.Max(bar.High.E8, priceE8));
        bar.Low = new Price(Math.Min(bar.Low.E8, priceE8));
        bar.Close = new Price(priceE8);
        bar.LastTradeTimeMs = timeMs;
        bar.Trades++;
        bar.Volume = new Quantity(bar.Volume.E8 + qtyE8);
        bar.SellVolume = new Quantity(bar.SellVolume.E8 + TakerSide.SellQuantity(buyerIsMaker, qtyE8)); // maker buyer: the taker sold
        _notional.Add(priceE8, qtyE8);
    }

    private void Emit<TSink>(ref TSink sink)
        where TSink : struct, IVolumeBarSink
    {
        ref VolumeBar bar = ref _bar;
        Complete(ref bar);
        bar.Vwap = VolumeWeightedPrice.ToDouble(bar.QuoteVolumeE16, bar.Volume.E8);
        sink.OnBar(in bar);
        bar.Index++;
        ClearOpen();
    }

    // Fills the fields the hot path leaves out: buy volume (volume - sell) and the exact quote volume.
    private void Complete(ref VolumeBar bar)
    {
        bar.BuyVolume = new Quantity(bar.Volume.E8 - bar.SellVolume.E8);
        bar.QuoteVolumeE16 = _notional.Value;
    }

    private void ClearOpen()
    {
        ref VolumeBar bar = ref _bar;
        bar.Trades = 0;
        bar.Volume = Quantity.Zero;
        bar.BuyVolume = Quantity.Zero;
        bar.SellVolume = Quantity.Zero;
        bar.QuoteVolumeE16 = Int128.Zero;
        bar.Vwap = 0;
        bar.High = new Price(long.MinValue);
        bar.Low = new Price(long.MaxValue);
        _notional.Clear();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TradeOutcome Ignore()
    {
        IgnoredTrades++;
        return TradeOutcome.IgnoredNotMarket;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TradeOutcome Reject()
    {
        InvalidTrades++;
        return TradeOutcome.Invalid;
    }
}
