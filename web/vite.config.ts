import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { bundleBudget } from '../scripts/bundle-budget'
import { precompress } from '../scripts/precompress'

const webRoot = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: webRoot,
  // precompress: .br and .gz beside each file, served as they are; bundleBudget: fails a build over budget.
  plugins: [react(), precompress(), bundleBudget()],
  resolve: {
    alias: {
      '@server': fileURLToPath(new URL('../src', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each page loads, for the bundle budget.
    manifest: true,
    // The app shell (React + antd core: layout, menu, select, form context) is ~700 kB minified,
    // ~230 kB gzipped, and needed on every page; pages and heavier components (tables, pickers) are split off.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        // Long-lived vendor chunks: they change less often than the app code.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) return 'react'
          if (/[\\/]node_modules[\\/](i18next|react-i18next|@tanstack)[\\/]/.test(id)) return 'runtime'
          return undefined
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
})
