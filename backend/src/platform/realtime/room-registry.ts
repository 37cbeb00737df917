import { roomName, roomPriority, type RoomClass } from './rooms.ts';
import type { GatewaySocket } from './types.ts';

interface RoomEntry {
  cls: RoomClass;
  /** Sockets per account in the room, to audit per account rather than per socket. */
  accounts: Map<string, number>;
}

export interface RoomRegistry {
  /**
   * Puts the socket in exactly these rooms (leaving any others, including rooms a recovered
   * connection brought back). Returns whether its rooms changed.
   */
  assign(
    socket: GatewaySocket,
    rooms: readonly RoomClass[],
  ): { changed: boolean; joined: string[] };
  remove(socket: GatewaySocket): void;
  roomsOf(socketId: string): RoomClass[];
  /** Rooms with at least one socket, the exact-position rooms first. */
  active(): [string, RoomClass][];
  accountsIn(room: string): Iterable<string>;
}

/** The gateway's own record of who is in which room, beside Socket.IO's adapter. */
export function createRoomRegistry(): RoomRegistry {
  const rooms = new Map<string, RoomEntry>();
  const bySocket = new Map<string, { account: string; rooms: Map<string, RoomClass> }>();

  const enter = (name: string, cls: RoomClass, account: string) => {
    const e = rooms.get(name) ?? { cls, accounts: new Map<string, number>() };
    e.accounts.set(account, (e.accounts.get(account) ?? 0) + 1);
    rooms.set(name, e);
  };
  const leave = (name: string, account: string) => {
    const e = rooms.get(name);
    if (!e) return;
    const n = (e.accounts.get(account) ?? 0) - 1;
    if (n > 0) e.accounts.set(account, n);
    else e.accounts.delete(account);
    if (e.accounts.size === 0) rooms.delete(name);
  };

  return {
    assign(socket, wanted) {
      const account = socket.data.viewer.accountId;
      const next = new Map(wanted.map((c) => [roomName(c), c] as const));
      const prev = bySocket.get(socket.id);
      if (prev) for (const name of prev.rooms.keys()) leave(name, prev.account);
      for (const name of socket.rooms)
        if (name !== socket.id && !next.has(name)) void socket.leave(name);
      for (const [name, cls] of next) {
        if (!socket.rooms.has(name)) void socket.join(name);
        enter(name, cls, account);
      }
      const joined = [...next.keys()].filter((n) => !prev?.rooms.has(n));
      const changed =
        !prev || prev.account !== account || prev.rooms.size !== next.size || joined.length > 0;
      bySocket.set(socket.id, { account, rooms: next });
      return { changed, joined };
    },
    remove(socket) {
      const prev = bySocket.get(socket.id);
      if (!prev) return;
      for (const name of prev.rooms.keys()) leave(name, prev.account);
      bySocket.delete(socket.id);
    },
    roomsOf: (id) => [...(bySocket.get(id)?.rooms.values() ?? [])],
    active: () =>
      [...rooms.entries()]
        .map(([name, e]) => [name, e.cls] as [string, RoomClass])
        .sort((a, b) => roomPriority(a[1]) - roomPriority(b[1])),
    accountsIn: (room) => rooms.get(room)?.accounts.keys() ?? [],
  };
}
