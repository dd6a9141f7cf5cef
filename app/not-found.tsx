import { withBase } from "@/lib/urls/base-path.ts";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-3 text-gray-700 dark:text-gray-300">This page does not exist, or the incident was removed.</p>
      <p className="mt-6">
        <a href={withBase("/")} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Go to the status page
        </a>
      </p>
    </main>
  );
}
