using Engine.Model;

namespace Engine.Tests.Signals;

/// <summary>
/// A deliberately naive volume-bar signal: on every bar it recomputes EMA, RSI, Bollinger and ATR from the whole bar
/// history (textbook formulas, TA-Lib seeding), then finds the most recent crossover by scanning back and checks
/// whether a signal already fired since it. Quadratic, obvious, and independent of the engine's incremental code.
/// </summary>
internal sealed class NaiveVolumeBarSignal(int emaFast = 9, int emaSlow = 21, int rsiPeriod = 14, int bbPeriod = 20,
    double bbDeviations = 2.0, int atrPeriod = 14, int crossWindowBars = 3,
    double rsiLongMin = 50, double rsiLongMax = 75, double rsiShortMin = 25, double rsiShortMax = 50)
{
    private readonly List<double> _closes = [];
    private readonly List<double> _highs = [];
    private readonly List<double> _lows = [];
    private readonly List<double> _spreads = [];
    private readonly List<SignalDirection?> _fired = [];

    public IndicatorValues Last { get; private set; }

    public SignalDirection? OnBar(in VolumeBar bar)
    {
        _closes.Add(bar.Close.ToDouble());
        _highs.Add(bar.High.ToDouble());
        _lows.Add(bar.Low.ToDouble());
        (double middle, double sd) = Bollinger();
        Last = new IndicatorValues
        {
            EmaFast = Ema(emaFast),
            EmaSlow = Ema(emaSlow),
            Rsi = Rsi(),
            BbMiddle = middle,
            BbUpper = middle + (bbDeviations * sd),
            BbLower = middle - (bbDeviations * sd),
            Atr = Atr(),
        };

        IndicatorValues v = Last;
        bool warm = !double.IsNaN(v.EmaFast) && !double.IsNaN(v.EmaSlow) && !double.IsNaN(v.Rsi) && !double.IsNaN(v.BbUpper);
        _spreads.Add(warm ? v.EmaFast - v.EmaSlow : double.NaN);
        SignalDirection? result = null;
        int i = _closes.Count - 1;
        double close = _closes[i];
        double spread = _spreads[i];
        if (warm && spread > 0 && close > v.BbUpper && v.Rsi >= rsiLongMin && v.Rsi <= rsiLongMax &&
            CanFire(SignalDirection.Long, i))
        {
            result = SignalDirection.Long;
        }
        else if (warm && spread < 0 && close < v.BbLower && v.Rsi >= rsiShortMin && v.Rsi <= rsiShortMax &&
                 CanFire(SignalDirection.Short, i))
        {
            result = SignalDirection.Short;
        }

        _fired.Add(result);
        return result;
    }

    // The most recent crossover on this side is at most crossWindowBars - 1 bars back and has not fired yet.
    private bool CanFire(SignalDirection side, int i)
    {
        for (int j = i; j >= 1; j--)
        {
            double before = _spreads[j - 1];
            double after = _spreads[j];
            bool crossed = side == SignalDirection.Long ? before <= 0 && after > 0 : before >= 0 && after < 0;
            if (!double.IsNaN(before) && !double.IsNaN(after) && crossed)
            {
                if (i - j >= crossWindowBars)
                {
                    return false;
                }

                for (int k = j; k < i; k++)
                {
                    if (_fired[k] == side)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    private double Ema(int period)
    {
        if (_closes.Count < period)
        {
            return double.NaN;
        }

        double alpha = 2.0 / (period + 1);
        double ema = _closes.Take(period).Average();
        for (int k = period; k < _closes.Count; k++)
        {
            ema = (alpha * _closes[k]) + ((1 - alpha) * ema);
        }

        return ema;
    }

    private double Rsi()
    {
        if (_closes.Count <= rsiPeriod)
        {
            return double.NaN;
        }

        var gains = new List<double>();
        var losses = new List<double>();
        for (int k = 1; k < _closes.Count; k++)
        {
            double change = _closes[k] - _closes[k - 1];
            gains.Add(Math.Max(change, 0));
            losses.Add(Math.Max(-change, 0));
        }

        double g = gains.Take(rsiPeriod).Average();
        double l = losses.Take(rsiPeriod).Average();
        for (int k = rsiPeriod; k < gains.Count; k++)
        {
            g = ((g * (rsiPeriod - 1)) + gains[k]) / rsiPeriod;
            l = ((l * (rsiPeriod - 1)) + losses[k]) / rsiPeriod;
        }

        return g + l == 0 ? 0 : 100 * g / (g + l);
    }

    private (double Middle, double Sd) Bollinger()
    {
        if (_closes.Count < bbPeriod)
        {
            return (double.NaN, double.NaN);
        }

        List<double> window = _closes.GetRange(_closes.Count - bbPeriod, bbPeriod);
        double mean = window.Average();
        double variance = window.Sum(x => (x - mean) * (x - mean)) / bbPeriod;
        return (mean, Math.Sqrt(variance));
    }

    private double Atr()
    {
        if (_closes.Count <= atrPeriod)
        {
            return double.NaN;
        }

        var ranges = new List<double>();
        for (int k = 1; k < _closes.Count; k++)
        {
            double previousClose = _closes[k - 1];
            ranges.Add(Math.Max(_highs[k] - _lows[k], Math.Max(Math.Abs(_highs[k] - previousClose), Math.Abs(_lows[k] - previousClose))));
        }

        double atr = ranges.Take(atrPeriod).Average();
        for (int k = atrPeriod; k < ranges.Count; k++)
        {
            atr = ((atr * (atrPeriod - 1)) + ranges[k]) / atrPeriod;
        }

        return atr;
    }
}
