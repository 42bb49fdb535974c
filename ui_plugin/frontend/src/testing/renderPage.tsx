import { ChakraProvider, defaultSystem } from "@chakra-ui/react";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, useLocation } from "react-router-dom";

/** Where the router is, for tests that check what the page wrote to the address. */
export const location = { current: "" };

function LocationProbe() {
  const { pathname, search } = useLocation();
  location.current = pathname + search;
  return null;
}

/** Render `page` the way Airflow hosts a plugin: inside a router and a Chakra provider. */
export function renderPage(page: ReactElement, at = "/plugin/pipelines") {
  return render(
    <ChakraProvider value={defaultSystem}>
      <MemoryRouter initialEntries={[at]}>
        {page}
        <LocationProbe />
      </MemoryRouter>
    </ChakraProvider>,
  );
}
