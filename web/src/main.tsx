import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { i18nReady } from './app/i18n'
import { Providers } from './app/providers'
import { AppRouter } from './app/router'

// The first render waits for the language's chunk: no flash of untranslated keys.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers>
        <AppRouter />
      </Providers>
    </StrictMode>,
  ),
)
