using System.Runtime.CompilerServices;
using Engine.Binance.Sources;
using Engine.EventLog;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// Plays several inputs one after another, <c>repeat</c> times back to back. Each later pass shifts event times by
/// the span of one pass and trade ids by each symbol's id range, so aggregation, gap detection and the OMS see one
/// continuous stream. A lone binary recording repeats itself (its reader already shifts, faster). Feed thread only;
/// no allocation per event (inputs are opened, and their counters read, between files).
/// </summary>
public sealed class ReplayFeed : IInputFeed, IDisposable
{
    private readonly IReadOnlyList<ReplayInput> _inputs;
    private readonly Func<ReplayInput, int, IInputFeed> _open;
    private readonly int _passes;
    private readonly int _readerRepeat;
    private readonly long _intervalMs;
    private readonly long[] _minId;
    private readonly long[] _maxId;
    private IInputFeed? _current;

    // _current when it is a binary recording: called directly (a sealed class), so the fastest input pays no
    // interface dispatch per event.
    private RecordingFeed? _recording;
    private int _input = -1;
    private int _pass;
    private long _firstTimeMs = long.MaxValue;
    private long _lastTimeMs = long.MinValue;
    private bool _sawRows;
    private long _timeShiftMs;
    private readonly long[] _idShift;
    private long _delivered;

    public ReplayFeed(IReadOnlyList<ReplayInput> inputs, int repeat, int symbolCount, long intervalMs, Func<ReplayInput, int, IInputFeed> open)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        _inputs = inputs;
        _open = open;
        bool loneRecording = inputs.Count == 1 && inputs[0].Kind == InputKind.Recording;
        _readerRepeat = loneRecording ? repeat : 1;
        _passes = loneRecording ? 1 : repeat;
        _intervalMs = intervalMs;
        _minId = new long[symbolCount];
        _maxId = new long[symbolCount];
        _idShift = new long[symbolCount];
        Array.Fill(_minId, long.MaxValue);
        Array.Fill(_maxId, long.MinValue);
    }

    /// <summary>Events delivered so far (a snapshot; any thread).</summary>
    public long Delivered => Volatile.Read(ref _delivered);

    /// <summary>Malformed lines the inputs skipped, with their reasons (complete after the run).</summary>
    public long MalformedLines { get; private set; }

    /// <summary>Lines the inputs skipped because they name a symbol the run does not trade (complete after the run).</summary>
    public long UnknownSymbolLines { get; private set; }

    public List<string> Problems { get; } = [];

    /// <summary>
    /// Per input (first pass), the lines skipped because they name a symbol the run does not trade, with that symbol when
    /// the file's name gives it (complete after the run). The run's report says why they were skipped.
    /// </summary>
    public List<SkippedSymbol> SkippedSymbols { get; } = [];

    /// <summary>
    /// The input error that ended the replay early (a cut or corrupt file: its name and position); null when every
    /// input was read to its end. Complete after the run.
    /// </summary>
    public string? InputError { get; private set; }

    public bool TryReadNext(ref EngineEvent slot)
    {
        while (true)
        {
            if (_current is not null && TryReadCurrent(ref slot))
            {
                if (_pass != 0)
                {
                    Shift(ref slot);
                }
                else if (_passes > 1)
                {
                    Observe(ref slot); // the span of the first pass shifts the later ones; one pass needs none
                }

                _delivered++;
                return true;
            }

            if (!NextInput())
            {
                return false;
            }
        }
    }

    public void Dispose() => Close();

    /// <summary>
    /// One event of the current input. An input found cut or corrupt part-way (InvalidDataException, or an I/O error
    /// reading it) ends the whole replay there: everything before it was delivered and is kept, the rest is not played.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadCurrent(ref EngineEvent slot)
    {
        if (_recording is not null)
        {
            // No exception handling on this path: the reader keeps its input error and ends (checked once per block).
            if (_recording.TryReadNext(ref slot))
            {
                return true;
            }

            if (_recording.Reader.InputError is { } error)
            {
                StopOnInputError(error);
            }

            return false;
        }

        return TryReadOther(ref slot);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryReadOther(ref EngineEvent slot)
    {
        try
        {
            return _current!.TryReadNext(ref slot);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            StopOnInputError(e);
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StopOnInputError(Exception e)
    {
        string path = _inputs[_input].Path;
        InputError = e.Message.Contains(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NextInput()
    {
        Close();
        if (InputError is not null)
        {
            return false;
        }

        _input++;
        if (_input == _inputs.Count)
        {
            _pass++;
            if (_pass >= _passes || _firstTimeMs == long.MaxValue)
            {
                return false;
            }

            _input = 0;
            long span = _lastTimeMs - _firstTimeMs + (_sawRows ? _intervalMs : 1);
            _timeShiftMs = span * _pass;
            for (int i = 0; i < _idShift.Length; i++)
            {
                _idShift[i] = _maxId[i] >= _minId[i] ? (_maxId[i] - _minId[i] + 1) * _pass : 0;
            }
        }

        _current = _open(_inputs[_input], _readerRepeat);
        _recording = _current as RecordingFeed;
        if (_recording is not null)
        {
            _recording.Reader.KeepInputErrors = true;
        }
        return true;
    }

    private void Close()
    {
        if (_current is IEventSource source && source.Stats.Malformed > 0)
        {
            long unknown = source.Stats.Count(LineFailure.UnknownSymbol);
            UnknownSymbolLines += unknown;
            long malformed = source.Stats.Malformed - unknown;
            MalformedLines += malformed;
            if (malformed > 0)
            {
                Problems.Add($"{_inputs[_input].Path}: {malformed} malformed lines skipped (last: line {source.Stats.LastFailureLine}, {source.Stats.LastFailure})");
            }

            if (unknown > 0 && _pass == 0)
            {
                ReplayInput input = _inputs[_input];
                SkippedSymbols.Add(new SkippedSymbol(input.Path, input.Kind == InputKind.TradeCsv ? InputDetector.SymbolNameOfFile(input.Path) : null, unknown));
            }
        }

        if (_current is RecordingFeed recording && _pass == 0 && recording.UnknownSymbols.Any())
        {
            SkippedSymbols.Add(new SkippedSymbol(_inputs[_input].Path, string.Join(", ", recording.UnknownSymbols), -1));
        }

        if (_current is EventJournalFeed journal && journal.Damage is { } damage && _pass == 0)
        {
            Problems.Add($"{_inputs[_input].Path}: {damage}; played the {journal.NextPosition} records before it");
        }

        (_current as IDisposable)?.Dispose();
        _current = null;
        _recording = null;
    }

    private void Observe(ref EngineEvent e)
    {
        long time;
        if (e.Kind == EventKind.Trade)
        {
            time = e.Trade.EventTimeMs;
            int s = e.Trade.Symbol.Value;
            if ((uint)s < (uint)_minId.Length)
            {
                _minId[s] = Math.Min(_minId[s], e.Trade.FirstTradeId);
                _maxId[s] = Math.Max(_maxId[s], e.Trade.LastTradeId);
            }
        }
        else if (e.Kind == EventKind.AggregatedRow)
        {
            time = e.Row.StartMs;
            _sawRows = true;
        }
        else
        {
            return;
        }

        _firstTimeMs = Math.Min(_firstTimeMs, time);
        _lastTimeMs = Math.Max(_lastTimeMs, time);
    }

    private void Shift(ref EngineEvent e)
    {
        if (e.Kind == EventKind.Trade)
        {
            ref Trade t = ref e.Trade;
            t.EventTimeMs += _timeShiftMs;
            t.TradeTimeMs += _timeShiftMs;
            int s = t.Symbol.Value;
            if ((uint)s < (uint)_idShift.Length)
            {
                long shift = _idShift[s];
                t.Id += shift;
                t.FirstTradeId += shift;
                t.LastTradeId += shift;
            }
        }
        else if (e.Kind == EventKind.AggregatedRow)
        {
            e.Row.StartMs += _timeShiftMs;
        }
    }
}
