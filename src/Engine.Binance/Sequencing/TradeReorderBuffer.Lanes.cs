using Engine.Model;

namespace Engine.Binance.Sequencing;

// The per-symbol state, and the parking area for trades too far ahead of the ring.
public sealed partial class TradeReorderBuffer
{
    private void Park(Lane lane, ref EngineEvent slot)
    {
        long id = slot.Trade.Id;
        for (int i = 0; i < lane.ParkedCount; i++)
        {
            if (lane.Parked[i].Id == id)
            {
                Duplicates++;
                return;
            }
        }

        if (lane.ParkedCount == ParkCapacity)
        {
            // Many trades far ahead: the input has jumped (a later file, a restart). What is held goes first.
            lane.Jumping = true;
            DroppedLate++;
            return;
        }

        for (int i = 0; i < lane.ParkedCount; i++)
        {
            if (lane.Parked[i].Id == id - 1)
            {
                lane.Jumping = true; // two consecutive ids far ahead: no outlier, the stream moved there
            }
        }

        lane.Parked[lane.ParkedCount] = slot.Trade;
        lane.ParkedReceived[lane.ParkedCount] = slot.ReceivedTimestamp;
        lane.ParkedCount++;
        SyncBusy(lane);
    }

    /// <summary>Moves parked trades that now fall within the ring into it; true when any did.</summary>
    private bool Unpark(Lane lane)
    {
        bool moved = false;
        for (int i = lane.ParkedCount - 1; i >= 0; i--)
        {
            long id = lane.Parked[i].Id;
            if (id - lane.Next >= Capacity)
            {
                continue;
            }

            int s = (int)(id & Mask);
            if (id < lane.Next || (lane.State[s] != Empty && lane.Ids[s] == id))
            {
                Duplicates += id < lane.Next ? 0 : 1;
                DroppedLate += id < lane.Next ? 1 : 0;
            }
            else
            {
                lane.Trades[s] = lane.Parked[i];
                lane.Received[s] = lane.ParkedReceived[i];
                lane.Ids[s] = id;
                lane.State[s] = Held;
                lane.Held++;
                moved = true;
            }

            lane.ParkedCount--;
            lane.Parked[i] = lane.Parked[lane.ParkedCount];
            lane.ParkedReceived[i] = lane.ParkedReceived[lane.ParkedCount];
        }

        return moved;
    }

    private static long LowestParked(Lane lane)
    {
        long lowest = long.MaxValue;
        for (int i = 0; i < lane.ParkedCount; i++)
        {
            lowest = Math.Min(lowest, lane.Parked[i].Id);
        }

        return lowest;
    }

    /// <summary>One symbol's reorder state.</summary>
    private sealed class Lane
    {
        public readonly Trade[] Trades = new Trade[Capacity];
        public readonly long[] Received = new long[Capacity];
        public readonly long[] Ids = new long[Capacity];
        public readonly byte[] State = new byte[Capacity];
        public readonly Trade[] Parked = new Trade[ParkCapacity];
        public readonly long[] ParkedReceived = new long[ParkCapacity];

        /// <summary>The id whose turn it is: every lower id was let through or given up.</summary>
        public long Next;

        /// <summary>The lowest id let through (ids below it were never passed).</summary>
        public long FirstId = long.MaxValue;


        /// <summary>Highest id seen, for counting late arrivals.</summary>
        public long MaxId = long.MinValue;

        /// <summary>Trade time the input has reached, moved only by trades that follow a seen id.</summary>
        public long ClockMs = long.MinValue;

        /// <summary>Trade time of the last trade let through.</summary>
        public long LastPassedMs = long.MinValue;

        public int Held;
        public int ParkedCount;
        public bool Seen;
        public bool Started;
        public bool Jumping;
        public bool Busy;

        /// <summary>
        /// Marks the ids [from, to) given up (at most the last <see cref="Capacity"/> of them: an id further back is
        /// out of the ring's reach anyway), so a late arrival of one is told from a repeat of a trade let through.
        /// </summary>
        public void GiveUp(long from, long to)
        {
            for (long id = Math.Max(from, to - Capacity); id < to; id++)
            {
                int s = (int)(id & Mask);
                Ids[s] = id;
                State[s] = GivenUpMark;
            }
        }
    }
}
