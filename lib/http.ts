import { NextResponse } from 'next/server';

export function notFoundResponse() {
  return NextResponse.json({ status: 'not_found', message: '未找到 / Not found' }, { status: 404 });
}

export function unauthorizedResponse() {
  return NextResponse.json({ status: 'forbidden', message: '请先登录 / Please sign in' }, { status: 401 });
}

/** Serves stored bytes privately: never cached by shared caches, never sniffed into another type. */
export function fileResponse(bytes: Uint8Array, options: { mimeType: string; fileName: string; disposition: 'inline' | 'attachment' }) {
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': options.mimeType,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${options.disposition}; filename="${options.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
