using System.Buffers;
using System.Net.WebSockets;

namespace Engine.Binance.Live.UserData;

// The receive loop: whole frames into one pooled buffer, decoded in place, dispatched to the tracker.
public sealed partial class UserDataStream
{
    /// <summary>Reads frames until the socket ends or the key expires; returns why.</summary>
    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken session)
    {
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult r;
            do
            {
                if (length == _buffer.Length)
                {
                    Grow();
                }

                r = await socket.ReceiveAsync(_buffer.AsMemory(length), session).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return $"socket closed by the venue ({socket.CloseStatus} {socket.CloseStatusDescription})";
                }

                length += r.Count;
            }
            while (!r.EndOfMessage);

            if (r.MessageType == WebSocketMessageType.Text && OnFrame(_buffer.AsSpan(0, length)))
            {
                UserStreamStatistics.Add(ref Statistics.KeysExpiredField);
                return "listenKey expired";
            }
        }
    }

    /// <summary>Decodes and dispatches one frame; true when it says the key expired.</summary>
    internal bool OnFrame(ReadOnlySpan<byte> frame)
    {
        UserStreamStatistics.Add(ref Statistics.FramesField);
        switch (_parser.Parse(frame))
        {
            case UserEventType.OrderTradeUpdate:
                UserStreamStatistics.Add(ref Statistics.OrderUpdatesField);
                _tracker.OnOrderUpdate(in _parser.Order);
                break;
            case UserEventType.TradeLite:
                UserStreamStatistics.Add(ref Statistics.TradeLitesField);
                _tracker.OnTradeLite(in _parser.Order);
                break;
            case UserEventType.AlgoUpdate:
                UserStreamStatistics.Add(ref Statistics.AlgoUpdatesField);
                _tracker.OnAlgoUpdate(in _parser.Algo);
                break;
            case UserEventType.AccountUpdate:
                UserStreamStatistics.Add(ref Statistics.AccountUpdatesField);
                _tracker.OnAccountUpdate(_parser);
                break;
            case UserEventType.ListenKeyExpired:
                return true;
            case UserEventType.Malformed:
                UserStreamStatistics.Add(ref Statistics.MalformedField);
                break;
            default:
                UserStreamStatistics.Add(ref Statistics.UnknownEventsField); // MARGIN_CALL, ACCOUNT_CONFIG_UPDATE, anything new
                break;
        }

        return false;
    }

    // Rare: a frame larger than the buffer (64 KB covers every event Binance documents).
    private void Grow()
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
