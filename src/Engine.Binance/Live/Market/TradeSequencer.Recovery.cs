using Engine.Model;
using Engine.Timing;

namespace Engine.Binance.Live.Market;

/// <summary>What a backfill page did to a recovering symbol.</summary>
internal enum RecoveryStep : byte
{
    /// <summary>Trades were published; more may follow: fetch again from the new last id.</summary>
    Progress,

    /// <summary>REST had nothing new while held trades still wait past a gap: ask again later (REST may trail the stream).</summary>
    NothingNew,

    /// <summary>The symbol is continuous up to the live stream again; live trades flow straight to the ring.</summary>
    Done,
}

internal sealed partial class TradeSequencer
{
    /// <summary>Backfill thread: the first id to ask REST for; -1 when the recovery has ended (stopped).</summary>
    public long NextBackfillId(SymbolFeedState s)
    {
        lock (_gate)
        {
            return _stopped || !s.Recovering ? -1 : s.LastId + 1;
        }
    }

    /// <summary>
    /// Backfill thread: publishes the page's trades that continue the sequence (ids already released are skipped), then
    /// releases held live trades that now continue it, in id order. <paramref name="limit"/> is the page size asked
    /// for: a shorter page means REST has reached the present.
    /// </summary>
    public RecoveryStep ApplyPage(SymbolFeedState s, List<Trade> page, int limit)
    {
        lock (_gate)
        {
            if (_stopped || !s.Recovering)
            {
                return RecoveryStep.Done;
            }

            long now = EngineClock.Timestamp();
            long before = s.LastId;
            bool hadHeld = s.HeldCount > 0;
            foreach (Trade t in page)
            {
                ReleaseHeld(s); // page and held trades merge in id order; a held (live) copy wins over REST's
                if (t.Id <= s.LastId)
                {
                    continue;
                }

                if (t.Id != s.LastId + 1)
                {
                    EmitGap(s, s.LastId + 1, t.Id - 1, t.TradeTimeMs); // REST itself skipped ids: nothing can fill them
                }

                PublishTrade(in t, now);
                s.LastId = t.Id;
                s.LastTimeMs = t.TradeTimeMs;
                s.BackfilledThisRecovery++;
                _stats.Backfilled();
            }

            ReleaseHeld(s);
            if (s.HeldCount == 0 && (hadHeld || page.Count < limit))
            {
                EndRecovery(s);
                return RecoveryStep.Done;
            }

            return s.LastId > before ? RecoveryStep.Progress : RecoveryStep.NothingNew;
        }
    }

    /// <summary>
    /// Backfill thread: REST cannot fill the gap (refused, or still failing after the retries). Each missing run before
    /// a held trade is reported as a FeedGap and the held trades are released; with nothing held, the next live
    /// trade's id closes the gap.
    /// </summary>
    public void GiveUp(SymbolFeedState s)
    {
        lock (_gate)
        {
            if (_stopped || !s.Recovering)
            {
                return;
            }

            bool nothingHeld = s.HeldCount == 0;
            while (s.HeldCount > 0)
            {
                ref Trade first = ref s.FirstHeld;
                if (first.Id > s.LastId + 1)
                {
                    EmitGap(s, s.LastId + 1, first.Id - 1, first.TradeTimeMs);
                    s.LastId = first.Id - 1;
                }

                ReleaseHeld(s);
            }

            s.GapOpenUntilNextLive |= nothingHeld; // where the missed run ends is not known yet
            s.Recovering = false;
            s.GapCounted = false;
        }
    }

    // Held trades that continue the sequence go to the ring; ids REST already delivered are dropped.
    private void ReleaseHeld(SymbolFeedState s)
    {
        while (s.HeldCount > 0)
        {
            ref Trade h = ref s.FirstHeld;
            if (h.Id <= s.LastId)
            {
                s.DropFirstHeld();
                continue;
            }

            if (h.Id != s.LastId + 1)
            {
                return;
            }

            PublishTrade(in h, s.FirstHeldReceived);
            s.LastId = h.Id;
            s.LastTimeMs = h.TradeTimeMs;
            s.DropFirstHeld();
        }
    }

    private void EndRecovery(SymbolFeedState s)
    {
        s.Recovering = false;
        if (s.GapCounted || s.BackfilledThisRecovery > 0)
        {
            if (!s.GapCounted)
            {
                _stats.GapFound(); // a check after a reconnect found trades the stream had missed
            }

            _stats.GapFilled();
        }

        s.GapCounted = false;
    }

    private void PublishTrade(in Trade trade, long receivedTicks)
    {
        long seq = _ring!.Claim();
        ref EngineEvent slot = ref _ring[seq];
        slot.Kind = EventKind.Trade;
        slot.Trade = trade;
        slot.ReceivedTimestamp = receivedTicks;
        _ring.Publish(seq);
        _stats.Latency.RecordReceiveToRing(EngineClock.ElapsedNanos(receivedTicks, EngineClock.Timestamp()));
    }

    // An interval that will never be filled: named to the engine (FeedGap event), the journal and the report.
    private void EmitGap(SymbolFeedState s, long fromId, long toId, long toTimeMs)
    {
        var gap = new FeedGap { Symbol = s.Id, FromId = fromId, ToId = toId, FromTimeMs = s.LastTimeMs, ToTimeMs = toTimeMs };
        if (!s.GapCounted)
        {
            _stats.GapFound();
            s.GapCounted = true;
        }

        _stats.Unfillable(in gap);
        long seq = _ring!.Claim();
        ref EngineEvent slot = ref _ring[seq];
        slot.Kind = EventKind.FeedGap;
        slot.Gap = gap;
        slot.ReceivedTimestamp = EngineClock.Timestamp();
        _ring.Publish(seq);
    }
}
