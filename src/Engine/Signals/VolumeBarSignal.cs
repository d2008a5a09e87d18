using Engine.Model;

namespace Engine.Signals;

/// <summary>
/// The live-trading seed's signal on closed volume bars: a fast/slow EMA crossover, confirmed within
/// <see cref="VolumeSignalOptions.CrossWindowBars"/> bars by a close outside the Bollinger band on the crossover's
/// side and an RSI inside the side's band. One signal per crossover; ATR rides along for sizing.
/// Engine thread only; O(1) and allocation-free per bar.
/// </summary>
public sealed class VolumeBarSignal
{
    private readonly VolumeSignalOptions _options;
    private double _previousSpread = double.NaN;
    private int _barsSinceCrossUp = int.MaxValue;
    private int _barsSinceCrossDown = int.MaxValue;

    public VolumeBarSignal(VolumeSignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _options = options;
    }

    public long BarsSeen { get; private set; }

    /// <summary>Evaluates one closed bar; true with <paramref name="signal"/> filled when it fires.</summary>
    public bool OnBar(in VolumeBar bar, in IndicatorValues indicators, out TradeSignal signal)
    {
        signal = default;
        BarsSeen++;
        double spread = indicators.EmaFast - indicators.EmaSlow;
        if (double.IsNaN(spread) || double.IsNaN(indicators.Rsi) || double.IsNaN(indicators.BbUpper))
        {
            return false; // still warming up: no crossover can be judged yet
        }

        if (!double.IsNaN(_previousSpread))
        {
            _barsSinceCrossUp = _previousSpread <= 0 && spread > 0 ? 0 : Saturate(_barsSinceCrossUp);
            _barsSinceCrossDown = _previousSpread >= 0 && spread < 0 ? 0 : Saturate(_barsSinceCrossDown);
        }

        _previousSpread = spread;
        double close = bar.Close.ToDouble();
        double rsi = indicators.Rsi;
        SignalDirection direction;
        if (_barsSinceCrossUp < _options.CrossWindowBars && spread > 0 && close > indicators.BbUpper &&
            rsi >= _options.RsiLongMin && rsi <= _options.RsiLongMax)
        {
            direction = SignalDirection.Long;
            _barsSinceCrossUp = int.MaxValue; // one signal per crossover
        }
        else if (_barsSinceCrossDown < _options.CrossWindowBars && spread < 0 && close < indicators.BbLower &&
                 rsi >= _options.RsiShortMin && rsi <= _options.RsiShortMax)
        {
            direction = SignalDirection.Short;
            _barsSinceCrossDown = int.MaxValue;
        }
        else
        {
            return false;
        }

        double volume = bar.Volume.ToDouble();
        double delta = bar.Delta.ToDouble();
        signal = new TradeSignal
        {
            Symbol = bar.Symbol,
            Source = SignalSource.VolumeBar,
            Direction = direction,
            TimeMs = bar.LastTradeTimeMs,
            Price = close,
            LastTradePrice = bar.Close,
            Delta = delta,
            Volume = volume,
            Imbalance = volume == 0 ? 0 : Math.Abs(delta) / volume,
            Vwap = bar.Vwap,
            Poc = double.NaN,
            Atr = indicators.Atr,
        };
        return true;
    }

    private static int Saturate(int bars) => bars == int.MaxValue ? bars : bars + 1;
}
